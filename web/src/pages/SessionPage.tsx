import { CSSProperties, ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, client } from '../api';
import { ApiError } from '../api/problem';
import { Language, Participant, SessionView } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ChatSession } from '../chat/ChatSession';
import { CollabSession, CollabView } from '../collab/CollabSession';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorNotice, Loading, Notice } from '../components/Feedback';
import { personName } from '../lib/people';
import { useMaybeStore, useStore } from '../lib/store';
import { useAsync } from '../lib/useAsync';
import { useTheme } from '../theme/theme';
import { ChatPanel } from './session/ChatPanel';
import { EndedView } from './session/EndedView';
import { LanguageSwitchDialog } from './session/LanguageSwitchDialog';
import { planSwitch } from './session/languageSwitch';
import { PartnerAway } from './session/PartnerAway';
import { QuestionPanel } from './session/QuestionPanel';
import { RunPanel } from '../run/RunPanel';
import { RoomHeader } from './session/RoomHeader';
import { usePartnerEvents } from './session/usePartnerEvents';
import { useLeaveGuard } from './session/useLeaveGuard';
import { PhoneTabs, RoomTab, Splitter, useMediaQuery, usePaneWidths } from './session/RoomLayout';

/** Below this width the room shows one panel at a time, with tabs. */
const PHONE = '(max-width: 620px)';

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
  const s = session.data;
  if (s.status !== 'active') {
    return (
      <EndedView session={s} partnerName={personName(s.partner)} info={{
        endedAt: s.endedAt, by: null, abandoned: s.endReason === 'abandoned', code: s.text, language: s.language,
      }} />
    );
  }
  return <Room key={sessionId} session={s} />;
}

/**
 * The partner as the room names them. My own display name goes to the session when the room opens; the
 * partner's is read again whenever they come online, since they send theirs when their room opens.
 */
function usePartnerInfo(session: SessionView, view: CollabView | null): { partner: Participant | null; named: boolean } {
  const { user } = useAuth();
  const [partner, setPartner] = useState(session.partner);
  const [named, setNamed] = useState(false);
  const presence = view?.participants.find((p) => p.id !== view.me?.id)?.presence;

  // the name is stored before the editor connects, so the partner who sees us arrive reads it
  useEffect(() => {
    let stopped = false;
    api.sessions.rename(session.sessionId, user?.displayName?.trim() || null)
      .catch(() => undefined)
      .finally(() => !stopped && setNamed(true));
    return () => {
      stopped = true;
    };
  }, [session.sessionId, user?.displayName]);

  useEffect(() => {
    if (presence !== 'online') {
      return undefined;
    }
    let stopped = false;
    api.sessions.get(session.sessionId).then((s) => !stopped && setPartner(s.partner), () => undefined);
    return () => {
      stopped = true;
    };
  }, [presence, session.sessionId]);
  return { partner, named };
}

/** Where the dashboard picks up a rematch: the same topic, difficulty and language, asked for at once. */
export interface RematchState {
  rematch: { sessionId: string; topic: string; difficulty: SessionView['question']['difficulty']; language: Language };
}

function Room({ session }: { session: SessionView }) {
  const { dark } = useTheme();
  const navigate = useNavigate();
  const question = useAsync(() => api.questions.get(session.question.id), [session.question.id]);
  const editorParent = useRef<HTMLDivElement>(null);
  const [collab, setCollab] = useState<CollabSession | null>(null);
  const [chat, setChat] = useState<ChatSession | null>(null);
  const chatView = useMaybeStore(chat?.store ?? null);
  const collabView = useMaybeStore(collab?.store ?? null);
  const [confirming, setConfirming] = useState<'end' | 'rematch' | null>(null);
  const [rematching, setRematching] = useState(false);
  const [switchingTo, setSwitchingTo] = useState<Language | null>(null);
  const guard = useLeaveGuard(!collabView?.ended && !collabView?.stopped);
  const { partner: partnerInfo, named } = usePartnerInfo(session, collabView);
  const partnerName = personName(partnerInfo);
  const partner = usePartnerEvents(collab, partnerName);

  useEffect(() => {
    if (collab && partnerInfo?.id) {
      collab.setDisplayName(partnerInfo.id, partnerName);
    }
  }, [collab, partnerInfo?.id, partnerName]);
  const starter = session.starterCode ?? {};
  const { user } = useAuth();
  const grid = useRef<HTMLDivElement>(null);
  const [widths, setWidth] = usePaneWidths(user?.id ?? 'anonymous');
  const phone = useMediaQuery(PHONE);
  const [tab, setTab] = useState<RoomTab>('code');
  const unread = useUnread(chatView?.messages.length ?? 0, !phone || tab === 'chat');

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
    if (!named) {
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
  }, [session.sessionId, named]);

  useEffect(() => {
    collab?.setDark(dark);
  }, [collab, dark]);

  useEffect(() => {
    if (rematching && collabView?.ended) {
      const state: RematchState = { rematch: { sessionId: session.sessionId, topic: session.question.topics[0] ?? '', difficulty: session.question.difficulty, language: collabView.language } };
      navigate('/', { state });
    }
  }, [rematching, collabView?.ended, collabView?.language, navigate, session.question]);

  const requestLanguage = (next: Language) => {
    if (!collab) {
      return;
    }
    const { language, status } = collab.store.get();
    if (next === language) {
      return;
    }
    if (status !== 'open') {
      collab.setLanguage(next); // says it must wait for the connection
      return;
    }
    const plan = planSwitch(collab.text(), language, next, starter);
    if (plan === 'ask') {
      setSwitchingTo(next);
      return;
    }
    // the language first: the server records the code as written in the language it was last edited in
    collab.setLanguage(next);
    if (plan === 'swap') {
      collab.replaceText(starter[next] ?? '');
    }
  };

  const finishSwitch = (replace: boolean) => {
    const next = switchingTo;
    setSwitchingTo(null);
    if (collab && next) {
      collab.setLanguage(next);
      if (replace) {
        collab.replaceText(starter[next] ?? '');
      }
    }
  };

  if (collab && collabView?.ended && !rematching) {
    const by = collabView.ended.by;
    return (
      <EndedView session={session} partnerName={partnerName} info={{
        endedAt: collabView.ended.endedAt,
        by: by ? (by.id === collabView.me?.id ? 'you' : partnerName) : null,
        abandoned: collabView.ended.reason === 'abandoned',
        code: collab.text(),
        language: collabView.language,
      }} />
    );
  }

  return (
    <div className="room">
      {collab && <RoomHeader collab={collab} session={session} partnerName={partnerName} onEnd={() => setConfirming('end')}
        onLanguage={requestLanguage} chatStatus={chatView?.status ?? 'connecting'} />}
      <PartnerAway away={partner.away} name={partnerName} onEnd={() => setConfirming('end')} onRematch={() => setConfirming('rematch')} />
      {phone && <PhoneTabs tab={tab} onTab={setTab} unread={unread} />}
      <div className={`room-grid${phone ? ' room-phone' : ''}`} ref={grid}
        style={{ '--question-width': `${widths.question}%`, '--chat-width': `${widths.chat}%` } as CSSProperties}>
        <RoomPane id="question" phone={phone} tab={tab}>
          <QuestionPanel summary={session.question} question={question.data} loading={question.loading} />
        </RoomPane>
        {!phone && <Splitter pane="question" value={widths.question} onChange={(v) => setWidth('question', v)} grid={grid} />}
        <RoomPane id="code" phone={phone} tab={tab}>
          <section className="panel editor-panel" aria-label="Code">
            {collab && <EditorNotices collab={collab} />}
            <div className="editor-host" ref={editorParent} data-testid="shared-editor" />
            {collab && <RunPanel sessionId={session.sessionId} collab={collab} />}
          </section>
        </RoomPane>
        {!phone && <Splitter pane="chat" value={widths.chat} onChange={(v) => setWidth('chat', v)} grid={grid} />}
        <RoomPane id="chat" phone={phone} tab={tab}>
          {chat && chatView
            ? <ChatPanel chat={chat} view={chatView} partnerName={partnerName} events={partner.events} />
            : <section className="panel chat-panel" aria-label="Chat" />}
        </RoomPane>
      </div>
      <ConfirmDialog open={confirming === 'end'} title="End the session for both of you?" confirmLabel="End session" danger
        onCancel={() => setConfirming(null)}
        onConfirm={() => { collab?.end(); setConfirming(null); }}>
        <p>The code as it is now is saved to both your histories, with the chat and a replay. Neither of you can edit it afterwards.</p>
      </ConfirmDialog>
      <ConfirmDialog open={confirming === 'rematch'} title="End this session and find a new partner?" confirmLabel="End and find a new partner"
        onCancel={() => setConfirming(null)}
        onConfirm={() => { setRematching(true); collab?.end(); setConfirming(null); }}>
        <p>The code as it is now is saved to both your histories. You then wait for someone on the same topic and difficulty, in the same language.</p>
      </ConfirmDialog>
      <LanguageSwitchDialog to={switchingTo} onReplace={() => finishSwitch(true)} onKeep={() => finishSwitch(false)} onCancel={() => setSwitchingTo(null)} />
      <ConfirmDialog open={guard.target !== null} title="Leave the session room?" confirmLabel="Leave the room" cancelLabel="Stay"
        onCancel={guard.stay} onConfirm={guard.leave}>
        <p>The session keeps running and your partner stays in it. While it runs you can come back at any time with <strong>Rejoin the session</strong> at the top of every page, from any device.</p>
      </ConfirmDialog>
    </div>
  );
}

/** A grid cell of the room; on a phone, the tab panel of its tab, shown only while that tab is chosen. */
function RoomPane({ id, phone, tab, children }: { id: RoomTab; phone: boolean; tab: RoomTab; children: ReactNode }) {
  return (
    <div className={`room-pane pane-${id}`} id={`room-panel-${id}`} role={phone ? 'tabpanel' : undefined}
      aria-labelledby={phone ? `room-tab-${id}` : undefined} hidden={phone && tab !== id}>
      {children}
    </div>
  );
}

/** Messages that arrived while the chat was out of sight (the phone layout's other tabs). */
function useUnread(count: number, visible: boolean): number {
  const [seen, setSeen] = useState(count);
  useEffect(() => {
    if (visible) {
      setSeen(count);
    }
  }, [visible, count]);
  return visible ? 0 : Math.max(0, count - seen);
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
