import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { LANGUAGES, Language, SessionView } from '../../api/types';
import type { CollabSession, CollabView } from '../../collab/CollabSession';
import type { SessionParticipant } from '../../collab/protocol';
import { useStore } from '../../lib/store';

function presenceLabel(p: SessionParticipant | undefined): { text: string; tone: string } {
  switch (p?.presence) {
    case 'online': return { text: 'online', tone: 'ok' };
    case 'reconnecting': return { text: 'away', tone: 'warn' };
    case 'left': return { text: 'left', tone: 'bad' };
    default: return { text: 'not here yet', tone: 'idle' };
  }
}

/** The room's title, the partner's presence, the language, the save state and End session. */
export function RoomHeader({ collab, session, partnerName, onEnd, onLanguage, chatStatus }: {
  collab: CollabSession; session: SessionView; partnerName: string; onEnd: () => void; onLanguage: (l: Language) => void; chatStatus: string;
}) {
  const view = useStore(collab.store);
  const partner = view.participants.find((p) => p.id !== view.me?.id);
  const online = view.status === 'open';
  useLeaveWarning(view);
  const reconnecting = !view.ended && (view.status === 'reconnecting' || chatStatus === 'reconnecting');
  return (
    <>
      <div className="room-header">
        <div className="room-title">
          <h1 className="room-heading"><span className="muted">Session with</span> {partnerName}</h1>
          {online && <PresenceDot partner={partner} />}
          <span className="visually-hidden">on {session.question.title}</span>
        </div>
        <div className="room-actions">
          <label htmlFor="session-language" className="inline-label">Language</label>
          <select id="session-language" value={view.language} disabled={!online}
            onChange={(e) => onLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
          </select>
          <span className={`sync-state ${view.unsent ? 'pending' : ''}`} aria-live="polite">
            {syncLabel(view)}
          </span>
          <button type="button" className="button button-danger" onClick={onEnd} disabled={!online}>
            End session
          </button>
        </div>
      </div>
      {reconnecting && (
        <div className="banner banner-warn" role="status" data-testid="reconnecting-banner">
          <span className="spinner" aria-hidden="true" /> Connection lost. Reconnecting… Keep typing: your edits are kept and sent once you are back.
        </div>
      )}
      {view.stopped === 'gone' && (
        <div className="banner banner-bad" role="alert">This session no longer exists. <Link to="/">Back to practice</Link></div>
      )}
    </>
  );
}

function PresenceDot({ partner }: { partner: SessionParticipant | undefined }) {
  const presence = presenceLabel(partner);
  return <span className={`status-dot status-${presence.tone}`} data-testid="partner-presence">{presence.text}</span>;
}

function syncLabel(view: CollabView): string {
  if (view.status !== 'open') {
    return view.unsent ? 'Edits kept until the connection is back' : '';
  }
  return view.unsent ? 'Saving…' : view.synced ? 'All changes saved' : 'Loading…';
}

/** Asks before closing the tab while some edits have not reached the server. */
function useLeaveWarning(view: CollabView) {
  useEffect(() => {
    if (!view.unsent || view.ended) {
      return undefined;
    }
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [view.unsent, view.ended]);
}
