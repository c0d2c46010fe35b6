import { useState } from 'react';
import type { Away } from './partnerEvents';

/** The partner left: say so, and offer to wait, to end the session, or to find a new partner. */
export function PartnerAway({ away, name, onEnd, onRematch }: { away: Away; name: string; onEnd: () => void; onRematch: () => void }) {
  const [waiting, setWaiting] = useState<Away>(null);
  if (!away) {
    return null;
  }
  const headline = away === 'left' ? `${name} has not come back.` : `${name} left the room.`;
  if (waiting === away) {
    return (
      <div className="banner banner-info partner-away" role="status" data-testid="partner-away">
        <span className="spinner" aria-hidden="true" /> <span>Waiting for {name} to come back. The code and chat stay as they are.</span>
        <span className="actions">
          <button type="button" className="button button-small" onClick={onEnd}>End the session</button>
          <button type="button" className="button button-small" onClick={onRematch}>Find a new partner</button>
        </span>
      </div>
    );
  }
  return (
    <div className="banner banner-warn partner-away" role="alert" data-testid="partner-away">
      <span>
        <strong>{headline}</strong> They closed the tab or lost their connection; if they come back within a couple of
        minutes, you carry on together.
      </span>
      <span className="actions">
        <button type="button" className="button button-small" onClick={() => setWaiting(away)}>Wait for {name}</button>
        <button type="button" className="button button-small" onClick={onEnd}>End the session</button>
        <button type="button" className="button button-small button-primary" onClick={onRematch}>Find a new partner</button>
      </span>
    </div>
  );
}
