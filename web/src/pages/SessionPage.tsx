import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, client } from '../api';
import { ApiError } from '../api/problem';
import { LANGUAGES, Language, SessionView } from '../api/types';
import { ChatSession } from '../chat/ChatSession';
import { CollabSession, CollabView } from '../collab/CollabSession';
import type { SessionParticipant } from '../collab/protocol';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorNotice, Loading, Notice } from '../components/Feedback';
import { useMaybeStore, useStore } from '../lib/store';
import { useAsync } from '../lib/useAsync';
import { formatDateTime } from '../lib/format';
import { useTheme } from '../theme/theme';
import { ChatPanel } from './session/ChatPanel';
import { QuestionPanel } from './session/QuestionPanel';
import { RunPanel } from '../run/RunPanel';

export function SessionPage() {
  const { sessionId = '' } = useParams();
  const session = useAsync(() => api.sessions.get(sessionId), [sessionId]);

  if (session.loading && !session.data) {
    return <div className="page"><Loading label="Opening your session…" /></div>;
  }
  if (session.error instanceof ApiError && session.error.status === 404) {
    return (
      <div className="page">
        <h1>Session not found</h1>
        <p>This session does not exist, has expired, or you are not one of its two participants.</p>
        <p><Link to="/history">See your past sessions</Link> or <Link to="/">find a new partner</Link>.</p>
      </div>
    );
  }
  if (session.error || !session.data) {
    return <div className="page"><ErrorNotice error={session.error} onRetry={session.reload} title="The session could not be opened." /></div>;
  }
  return <Room key={sessionId} session={session.data} />;
}

function Room({ session }: { session: SessionView }) {
  const { dark } = useTheme();
  const question = useAsync(() => api.questions.get(session.question.id), [session.question.id]);
  const editorParent = useRef<HTMLDivElement>(null);
  const [collab, setCollab] = useState<CollabSession | null>(null);
  const [chat, setChat] = useState<ChatSession | null>(null);
  const chatView = useMaybeStore(chat?.store ?? null);
  const [confirming, setConfirming] = useState(false);

  // sessions are made by effects (not memos) so that each mount owns, and closes, its own sockets
  useEffect(() => {
    const c = new ChatSession(session.sessionId, client);
    setChat(c);
    return () => {
      c.destroy();
      setChat(null);
    };
  }, [session.sessionId]);

  useEffect(() => {
    if (session.status !== 'active') {
      return undefined;
    }
    const c = new CollabSession({
      sessionId: session.sessionId, client, parent: editorParent.current as HTMLDivElement, language: session.language, dark,
    });
    setCollab(c);
    return () => {
      c.destroy();
      setCollab(null);
    };
    // the editor is built once per session; the theme follows through setDark below
  }, [session.sessionId, session.status]);

  useEffect(() => {
    collab?.setDark(dark);
  }, [collab, dark]);

  if (session.status !== 'active') {
    return <EndedRoom session={session} />;
  }

  return (
    <div className="room">
      {collab && <RoomHeader collab={collab} session={session} onEnd={() => setConfirming(true)} chatStatus={chatView?.status ?? 'connecting'} />}
      <div className="room-grid">
        <QuestionPanel summary={session.question} question={question.data} loading={question.loading} />
        <section className="panel editor-panel" aria-label="Code">
          {collab && <EditorNotices collab={collab} />}
          <div className="editor-host" ref={editorParent} data-testid="shared-editor" />
          {collab && <RunPanel sessionId={session.sessionId} collab={collab} />}
        </section>
        {chat && chatView ? <ChatPanel chat={chat} view={chatView} partnerName={session.partner?.username ?? 'your partner'} /> : <section className="panel chat-panel" aria-label="Chat" />}
      </div>
      <ConfirmDialog open={confirming} title="End the session for both of you?" confirmLabel="End session" danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => { collab?.end(); setConfirming(false); }}>
        <p>The code as it is now is saved to both your histories, with the chat and a replay. Neither of you can edit it afterwards.</p>
      </ConfirmDialog>
    </div>
  );
}

function presenceLabel(p: SessionParticipant | undefined): { text: string; tone: string } {
  switch (p?.presence) {
    case 'online': return { text: 'online', tone: 'ok' };
    case 'reconnecting': return { text: 'reconnecting…', tone: 'warn' };
    case 'left': return { text: 'left', tone: 'bad' };
    default: return { text: 'not here yet', tone: 'idle' };
  }
}

function RoomHeader({ collab, session, onEnd, chatStatus }: { collab: CollabSession; session: SessionView; onEnd: () => void; chatStatus: string }) {
  const view = useStore(collab.store);
  const partner = view.participants.find((p) => p.id !== view.me?.id);
  // while our own connection is down we cannot know whether the partner is still there
  const presence = view.status === 'open' ? presenceLabel(partner) : { text: 'unknown while offline', tone: 'idle' };
  useLeaveWarning(view);
  const reconnecting = !view.ended && (view.status === 'reconnecting' || chatStatus === 'reconnecting');
  return (
    <>
      <div className="room-header">
        <div className="room-title">
          <span className="muted">Session with</span>{' '}
          <strong>{partner?.username ?? session.partner?.username ?? 'your partner'}</strong>{' '}
          <span className={`status-dot status-${presence.tone}`} data-testid="partner-presence">{presence.text}</span>
        </div>
        <div className="room-actions">
          <label htmlFor="session-language" className="inline-label">Language</label>
          <select id="session-language" value={view.language} disabled={Boolean(view.ended)}
            onChange={(e) => collab.setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
          </select>
          <span className={`sync-state ${view.unsent ? 'pending' : ''}`} aria-live="polite">
            {syncLabel(view)}
          </span>
          <button type="button" className="button button-danger" onClick={onEnd} disabled={Boolean(view.ended) || view.status !== 'open'}>
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
      {view.ended && (
        <div className="banner banner-info" role="status" data-testid="ended-banner">
          <strong>Session ended</strong>
          {view.ended.by ? ` by ${view.ended.by.id === view.me?.id ? 'you' : view.ended.by.username}` : ''} at {formatDateTime(view.ended.endedAt)}.
          {' '}Your attempt is saved. <Link to={`/history/${session.sessionId}`}>Open it in your history</Link> · <Link to="/">Practise again</Link>
        </div>
      )}
    </>
  );
}

function syncLabel(view: CollabView): string {
  if (view.ended) {
    return '';
  }
  if (view.status !== 'open') {
    return view.unsent ? 'Edits kept until the connection is back' : '';
  }
  return view.unsent ? 'Saving…' : view.synced ? 'All changes saved' : 'Loading…';
}

function EditorNotices({ collab }: { collab: CollabSession }) {
  const view = useStore(collab.store);
  return (
    <>
      {!view.synced && view.status !== 'closed' && <div className="editor-loading"><Loading label="Loading the shared code…" /></div>}
      {view.notice && (
        <Notice kind="warning" onDismiss={() => collab.dismissNotice()}>{view.notice.message}</Notice>
      )}
    </>
  );
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

function EndedRoom({ session }: { session: SessionView }) {
  return (
    <div className="page">
      <h1>This session has ended</h1>
      <p>
        Your session on <strong>{session.question.title}</strong> with {session.partner?.username ?? 'your partner'} ended
        {session.endedAt ? ` at ${formatDateTime(session.endedAt)}` : ''}
        {session.endReason === 'abandoned' ? ' after both of you had left' : ''}.
      </p>
      <p className="actions">
        <Link className="button button-primary" to={`/history/${session.sessionId}`}>Open it in your history</Link>
        <Link className="button" to="/">Practise again</Link>
      </p>
    </div>
  );
}
