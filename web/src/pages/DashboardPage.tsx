import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, client } from '../api';
import { DIFFICULTIES, Difficulty, LANGUAGES, Language, QueueStats, SessionView, Topic } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorNotice, Loading, Notice } from '../components/Feedback';
import { DifficultyBadge } from '../components/Badges';
import { MatchSession } from '../matching/MatchSession';
import { isWaiting, secondsLeft } from '../matching/matchState';
import { useStore } from '../lib/store';
import { useAsync } from '../lib/useAsync';
import { topicName } from '../lib/format';

const STATS_EVERY_MS = 5000;

function useQueueStats(): QueueStats | null {
  const [stats, setStats] = useState<QueueStats | null>(null);
  useEffect(() => {
    let stopped = false;
    const load = () => api.matching.stats().then((s) => !stopped && setStats(s), () => undefined);
    load();
    const timer = setInterval(load, STATS_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return stats;
}

export function DashboardPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const topics = useAsync(() => api.questions.topics(), []);
  const stats = useQueueStats();
  const [active, setActive] = useState<SessionView | null>(null);
  const session = useMemo(() => new MatchSession(client), []);
  const match = useStore(session.store);
  const [topic, setTopic] = useState('');
  const [difficulty, setDifficulty] = useState<Difficulty>('Easy');
  const [language, setLanguage] = useState<Language>(user?.preferredLanguage ?? 'python');
  const [now, setNow] = useState(Date.now());
  const followed = useRef(false);

  useEffect(() => () => session.destroy(), [session]);

  // one look at my latest request: still waiting (another visit, a reload) is followed again; matched
  // into a session that is still running is offered as a way back in
  useEffect(() => {
    if (followed.current) {
      return;
    }
    followed.current = true;
    api.matching.current().then(async (r) => {
      if ((r.state === 'waiting' || r.state === 'matching') && session.store.get().phase === 'idle') {
        session.follow();
      } else if (r.state === 'matched' && r.match) {
        const s = await api.sessions.get(r.match.sessionId);
        if (s.status === 'active') {
          setActive(s);
        }
      }
    }).catch(() => undefined); // 404: no request lately
  }, [session]);

  useEffect(() => {
    if (!topic && topics.data && topics.data.length > 0) {
      setTopic(topics.data[0].slug);
    }
  }, [topic, topics.data]);

  useEffect(() => {
    if (!isWaiting(match.phase)) {
      return undefined;
    }
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [match.phase]);

  useEffect(() => {
    if (match.phase === 'matched' && match.match) {
      const timer = setTimeout(() => navigate(`/session/${match.match?.sessionId}`), 1200);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [match.phase, match.match, navigate]);

  const names = useMemo(() => new Map((topics.data ?? []).map((t) => [t.slug, t.name])), [topics.data]);
  const chosen = topics.data?.find((t) => t.slug === topic);
  const waitingFor = (d: Difficulty) => stats?.queues.find((q) => q.topic === topic && q.difficulty === d)?.waiting ?? 0;
  const waiting = isWaiting(match.phase);

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Hi {user?.displayName || user?.username}, ready to practise?</h1>
          <p className="muted">Choose a topic and a difficulty; we pair you with someone who chose the same.</p>
        </div>
      </header>

      {active && (
        <Notice kind="info">
          Your session on <strong>{active.question.title}</strong> with {active.partner?.username ?? 'your partner'} is still open.{' '}
          <Link className="button button-small button-primary" to={`/session/${active.sessionId}`}>Rejoin the session</Link>
        </Notice>
      )}

      <div className="dashboard">
        <section className="card match-card" aria-labelledby="match-title">
          <h2 id="match-title">Find a partner</h2>
          {topics.loading && <Loading label="Loading topics…" />}
          <ErrorNotice error={topics.error} onRetry={topics.reload} title="Topics could not be loaded." />
          {topics.data && topics.data.length === 0 && <p className="muted">The question bank is empty for now. Come back once an admin has added questions.</p>}
          {topics.data && topics.data.length > 0 && (
            <MatchForm
              topics={topics.data} topic={topic} setTopic={setTopic} difficulty={difficulty} setDifficulty={setDifficulty}
              language={language} setLanguage={setLanguage} disabled={waiting} waitingFor={waitingFor} chosen={chosen}
              onStart={() => session.request(topic, difficulty, language)}
            />
          )}
          <MatchStatus
            phase={match.phase} seconds={secondsLeft(match, now)} total={match.enqueuedAt && match.timeoutAt ? Math.round((match.timeoutAt - match.enqueuedAt) / 1000) : null}
            detail={match.detail} relaxed={match.relaxed} reconnecting={match.reconnecting}
            topic={match.topic ? topicName(match.topic, names) : ''} partner={match.match?.partner.username}
            question={match.match?.question.title} onCancel={() => session.cancel()} onAgain={() => session.request(topic, difficulty, language)}
            onDismiss={() => session.reset()}
          />
        </section>

        <div className="side-column">
          <section className="card queue-card" aria-labelledby="queue-title">
            <h2 id="queue-title">Waiting right now</h2>
            {!stats && <Loading label="Counting…" />}
            {stats && stats.total === 0 && <p className="muted">Nobody is waiting at the moment. Start a request and the next person who picks the same topic and difficulty joins you.</p>}
            {stats && stats.total > 0 && (
              <table className="table compact">
                <thead><tr><th scope="col">Topic</th><th scope="col">Difficulty</th><th scope="col">Waiting</th></tr></thead>
                <tbody>
                  {stats.queues.filter((q) => q.waiting > 0).map((q) => (
                    <tr key={`${q.topic}|${q.difficulty}`}>
                      <td>{topicName(q.topic, names)}</td>
                      <td><DifficultyBadge difficulty={q.difficulty} /></td>
                      <td>{q.waiting}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <RecentPractice names={names} />
        </div>
      </div>
    </div>
  );
}

/** The user's last sessions and streak, one click from their history. */
function RecentPractice({ names }: { names: Map<string, string> }) {
  const recent = useAsync(() => Promise.all([api.history.stats(), api.history.attempts({ page: 1, size: 3 })]), []);
  if (!recent.data) {
    return null;
  }
  const [stats, attempts] = recent.data;
  return (
    <section className="card" aria-labelledby="recent-title">
      <h2 id="recent-title">Your practice</h2>
      {stats.total === 0 ? (
        <p className="muted">Your finished sessions will show up here, with their code and a replay.</p>
      ) : (
        <>
          <p className="muted">
            {stats.total} session{stats.total === 1 ? '' : 's'} · {stats.currentStreak > 0 ? `${stats.currentStreak}-day streak` : 'no streak running'}
          </p>
          <ul className="recent-list">
            {attempts.items.map((a) => (
              <li key={a.sessionId}>
                <Link to={`/history/${a.sessionId}`}>{a.question.title}</Link>
                <span className="muted"> with {a.partner.username} · {topicName(a.question.topics[0] ?? '', names)}</span>
              </li>
            ))}
          </ul>
          <Link to="/history">All of your history</Link>
        </>
      )}
    </section>
  );
}

interface MatchFormProps {
  topics: Topic[];
  topic: string;
  setTopic: (t: string) => void;
  difficulty: Difficulty;
  setDifficulty: (d: Difficulty) => void;
  language: Language;
  setLanguage: (l: Language) => void;
  disabled: boolean;
  waitingFor: (d: Difficulty) => number;
  chosen: Topic | undefined;
  onStart: () => void;
}

function MatchForm(p: MatchFormProps) {
  return (
    <form className="match-form" onSubmit={(e) => { e.preventDefault(); p.onStart(); }}>
      <div className="field">
        <label htmlFor="topic">Topic</label>
        <select id="topic" value={p.topic} onChange={(e) => p.setTopic(e.target.value)} disabled={p.disabled}>
          {p.topics.map((t) => <option key={t.slug} value={t.slug}>{t.name} ({t.total})</option>)}
        </select>
      </div>
      <fieldset className="field segmented" disabled={p.disabled}>
        <legend>Difficulty</legend>
        {DIFFICULTIES.map((d) => {
          const count = p.chosen?.counts[d] ?? 0;
          const waiting = p.waitingFor(d);
          return (
            <label key={d} className={`segment ${p.difficulty === d ? 'segment-on' : ''} ${count === 0 ? 'segment-empty' : ''}`}>
              <input type="radio" name="difficulty" value={d} checked={p.difficulty === d} onChange={() => p.setDifficulty(d)} disabled={count === 0} />
              <span className="segment-title">{d}</span>
              <span className="segment-meta">{count} question{count === 1 ? '' : 's'}{waiting > 0 ? ` · ${waiting} waiting` : ''}</span>
            </label>
          );
        })}
      </fieldset>
      <div className="field">
        <label htmlFor="match-language">Language</label>
        <select id="match-language" value={p.language} onChange={(e) => p.setLanguage(e.target.value as Language)} disabled={p.disabled}>
          {LANGUAGES.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
        </select>
      </div>
      {!p.disabled && (
        <button type="submit" className="button button-primary button-large" disabled={!p.topic || (p.chosen?.counts[p.difficulty] ?? 0) === 0}>
          Find a partner
        </button>
      )}
    </form>
  );
}

interface MatchStatusProps {
  phase: string;
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
}

function MatchStatus(p: MatchStatusProps) {
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
          <span className="muted">{p.detail || 'Nobody picked the same topic and difficulty in time.'} Try again, or choose a topic where people are waiting.</span>
          <div className="actions">
            <button type="button" className="button button-primary" onClick={p.onAgain}>Try again</button>
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
