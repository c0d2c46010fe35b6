import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { ApiError } from '../api/problem';
import { LANGUAGES } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { DifficultyBadge, TopicTags } from '../components/Badges';
import { CodeViewer } from '../components/CodeViewer';
import { ErrorNotice, Loading } from '../components/Feedback';
import { formatDateTime, formatDuration, formatTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { useTopicNames } from '../lib/topics';
import { ReplayPlayer } from './ReplayPlayer';
import { AttemptRunList, languageLabel } from '../history/AttemptRuns';
import { personName } from '../lib/people';

type Tab = 'code' | 'runs' | 'replay' | 'chat';

export function AttemptPage() {
  const { sessionId = '' } = useParams();
  const { user } = useAuth();
  const attempt = useAsync(() => api.history.attempt(sessionId), [sessionId]);
  const [tab, setTab] = useState<Tab>('code');
  const names = useTopicNames();
  const replay = useAsync(() => (tab === 'replay' ? api.history.replay(sessionId) : Promise.resolve(undefined)), [sessionId, tab === 'replay']);

  if (attempt.loading && !attempt.data) {
    return <div className="page"><Loading label="Loading the attempt…" /></div>;
  }
  if (attempt.error instanceof ApiError && attempt.error.status === 404) {
    return (
      <div className="page">
        <h1>Attempt not found</h1>
        <p>It may still be on its way (a session that just ended takes a moment to be saved), or it belongs to someone else.</p>
        <p className="actions"><button type="button" className="button" onClick={attempt.reload}>Check again</button> <Link to="/history">Back to your history</Link></p>
      </div>
    );
  }
  if (!attempt.data) {
    return <div className="page"><ErrorNotice error={attempt.error} onRetry={attempt.reload} /></div>;
  }
  const a = attempt.data;
  const partner = a.participants.find((p) => p.id !== user?.id);
  const language = LANGUAGES.find((l) => l.id === a.language)?.label ?? a.language;
  const startedIn = a.initialLanguage && a.initialLanguage !== a.language ? a.initialLanguage : null;
  const runs = a.runs ?? [];

  return (
    <div className="page">
      <p className="breadcrumb"><Link to="/history">History</Link> / {a.question.title}</p>
      <header className="page-header">
        <div>
          <h1>{a.question.title}</h1>
          <p className="meta-line">
            <DifficultyBadge difficulty={a.question.difficulty} /> <TopicTags topics={a.question.topics} names={names} />
            <span>with <strong>{personName(partner, 'deleted user')}</strong>
              {partner?.displayName && partner.displayName.trim() !== partner.username && <span className="muted"> ({partner.username})</span>}</span>
            <span>{language}{startedIn && <span className="muted"> (started in {languageLabel(startedIn)})</span>}</span>
            <span>{formatDateTime(a.endedAt)}</span>
            <span>lasted {formatDuration(a.durationSeconds)}</span>
            <span>{a.editCount} edit{a.editCount === 1 ? '' : 's'}</span>
          </p>
        </div>
        <Link className="button" to={`/questions/${a.question.id}`}>Read the question</Link>
      </header>

      <div className="tabs" role="tablist" aria-label="Attempt">
        {(['code', 'runs', 'replay', 'chat'] as Tab[]).map((t) => (
          <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`panel-${t}`}
            className={`tab ${tab === t ? 'tab-on' : ''}`} onClick={() => setTab(t)}>
            {t === 'code' ? 'Final code' : t === 'runs' ? `Runs (${runs.length})` : t === 'replay' ? 'Replay' : `Chat${a.transcript ? ` (${a.transcript.length})` : ''}`}
          </button>
        ))}
      </div>

      <section id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="card tab-panel">
        {tab === 'code' && (a.code
          ? <CodeViewer value={a.code} language={a.language} label="Final code" />
          : <p className="muted">The editor was left empty.</p>)}
        {tab === 'runs' && <AttemptRunList runs={runs} me={user?.id} />}
        {tab === 'replay' && (
          <>
            {replay.loading && <Loading label="Loading the replay…" />}
            <ErrorNotice error={replay.error} onRetry={replay.reload} />
            {replay.data && <ReplayPlayer replay={replay.data} language={a.language} participants={a.participants} me={user?.id} />}
          </>
        )}
        {tab === 'chat' && (
          a.transcript === null
            ? <p className="muted">The chat is still being saved. <button type="button" className="link-button" onClick={attempt.reload}>Check again</button></p>
            : a.transcript.length === 0
              ? <p className="muted">No messages were exchanged.</p>
              : (
                <ol className="chat-list transcript">
                  {a.transcript.map((m) => (
                    <li key={m.id} className={`chat-message ${m.user === user?.id ? 'mine' : ''}`}>
                      <div className="chat-meta"><span className="chat-author">{m.user === user?.id ? 'You' : personName(a.participants.find((p) => p.id !== null && p.id === m.user) ?? m, 'deleted user')}</span> <time dateTime={m.at}>{formatTime(m.at)}</time></div>
                      <div className="chat-text">{m.text}</div>
                    </li>
                  ))}
                </ol>
              )
        )}
      </section>
    </div>
  );
}
