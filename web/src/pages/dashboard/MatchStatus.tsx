import { Loading } from '../../components/Feedback';
import type { MatchPhase } from '../../matching/matchState';

interface MatchStatusProps {
  phase: MatchPhase;
  seconds: number | null;
  total: number | null;
  detail: string | null;
  relaxed: boolean;
  reconnecting: boolean;
  topic: string;
  partner?: string;
  question?: string;
  onCancel: () => void;
  onAgain: () => void;
  onDismiss: () => void;
  /** Offered while waiting when the browser could notify the user of a match but has not been allowed to yet. */
  onNotify?: () => void;
}

export function MatchStatus(p: MatchStatusProps) {
  switch (p.phase) {
    case 'connecting':
      return <div className="match-status"><Loading label="Joining the queue…" /></div>;
    case 'queued':
    case 'matching': {
      const fraction = p.seconds !== null && p.total ? p.seconds / p.total : 1;
      return (
        <div className="match-status match-waiting" role="status" aria-live="polite">
          <div className="countdown" style={{ ['--progress' as string]: String(fraction) }} aria-hidden="true">
            <span>{p.seconds ?? '…'}</span>
          </div>
          <div className="match-text">
            <strong>{p.phase === 'matching' ? 'Partner found, preparing your room…' : `Looking for a partner on ${p.topic}…`}</strong>
            {p.seconds !== null && p.phase === 'queued' && <span className="muted">{p.seconds} s left</span>}
            {p.relaxed && <span className="muted">No one at your difficulty yet, so any difficulty of this topic is fine now.</span>}
            {p.detail && <span className="muted">{p.detail}</span>}
            {p.reconnecting && <span className="warning-text">Connection lost, reconnecting…</span>}
            {p.onNotify && p.phase === 'queued' && (
              <button type="button" className="link-button" onClick={p.onNotify}>Notify me when a partner is found</button>
            )}
          </div>
          {p.phase === 'queued' && <button type="button" className="button" onClick={p.onCancel}>Cancel</button>}
        </div>
      );
    }
    case 'matched':
      return (
        <div className="match-status match-done" role="status">
          <strong>Matched with {p.partner}!</strong>
          <span className="muted">Opening your room for “{p.question}”…</span>
        </div>
      );
    case 'timeout':
      return (
        <div className="match-status" role="alert">
          <strong>No partner this time.</strong>
          <span className="muted">{timeoutText(p.topic, p.total)}</span>
          <div className="actions">
            <button type="button" className="button button-primary" onClick={p.onAgain}>Try again</button>
            <button type="button" className="button" onClick={p.onDismiss}>Change my choice</button>
          </div>
        </div>
      );
    case 'lost':
      return (
        <div className="match-status" role="alert">
          <strong>Your request was lost.</strong>
          <span className="muted">{p.detail || 'The matching service lost your request.'}</span>
          <div className="actions">
            <button type="button" className="button button-primary" onClick={p.onAgain}>Ask again</button>
            <button type="button" className="button" onClick={p.onDismiss}>Change my choice</button>
          </div>
        </div>
      );
    case 'cancelled':
      return <div className="match-status" role="status"><span className="muted">Request cancelled.</span> <button type="button" className="button button-small" onClick={p.onDismiss}>OK</button></div>;
    case 'superseded':
    case 'error':
      return (
        <div className="match-status" role="alert">
          <span>{p.detail || 'Matching stopped.'}</span>
          <button type="button" className="button button-small" onClick={p.onDismiss}>OK</button>
        </div>
      );
    default:
      return null;
  }
}

/**
 * Written here rather than taken from the service's detail, which names the topic by its slug: the
 * dashboard knows the topic's display name.
 */
function timeoutText(topic: string, total: number | null): string {
  const what = topic ? `for ${topic}` : 'for your topic';
  const when = total ? `within ${total} seconds` : 'in time';
  return `No partner was found ${what} ${when}. Try again, or choose a topic where people are waiting.`;
}
