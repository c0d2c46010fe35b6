import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, client } from '../api';
import type { Difficulty, Language, QueueStats } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorNotice, Loading } from '../components/Feedback';
import { DifficultyBadge } from '../components/Badges';
import { MatchSession } from '../matching/MatchSession';
import { isWaiting, secondsLeft } from '../matching/matchState';
import { useStore } from '../lib/store';
import { useAsync } from '../lib/useAsync';
import { topicName } from '../lib/format';
import { MatchForm } from './dashboard/MatchForm';
import { MatchStatus } from './dashboard/MatchStatus';
import { RecentPractice } from './dashboard/RecentPractice';
import type { RematchState } from './SessionPage';
import { othersWaiting } from './dashboard/queueCounts';

const STATS_EVERY_MS = 5000;

/** The queue counts, polled, and fetched again at once whenever `phase` (my own request's) changes. */
function useQueueStats(phase: string): QueueStats | null {
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
  }, [phase]);
  return stats;
}

/**
 * Matched while the tab is in the background: the tab's title says so, and so does a notification when
 * the user has allowed them, until the tab is seen again.
 */
function useMatchedInBackground(partner: string | null) {
  useEffect(() => {
    if (partner === null || document.visibilityState === 'visible') {
      return undefined;
    }
    const before = document.title;
    document.title = `Matched with ${partner} · PeerPrep`;
    const notification = 'Notification' in window && Notification.permission === 'granted'
      ? new Notification('PeerPrep: you have a partner', { body: `${partner} is waiting in your session.` })
      : null;
    const restore = () => {
      if (document.visibilityState === 'visible') {
        document.title = before;
        notification?.close();
      }
    };
    document.addEventListener('visibilitychange', restore);
    return () => document.removeEventListener('visibilitychange', restore);
  }, [partner]);
}

type Permission = 'default' | 'granted' | 'denied';

/** Whether the browser may show a notification, and a way to ask the user (only after a click of theirs). */
function useNotificationPermission(): (() => void) | undefined {
  const supported = typeof window !== 'undefined' && 'Notification' in window;
  const [permission, setPermission] = useState<Permission>(supported ? Notification.permission : 'denied');
  const ask = supported && permission === 'default'
    ? () => { Notification.requestPermission().then(setPermission, () => setPermission('denied')); }
    : undefined;
  return ask;
}

export function DashboardPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const topics = useAsync(() => api.questions.topics(), []);
  const session = useMemo(() => new MatchSession(client), []);
  const match = useStore(session.store);
  const allStats = useQueueStats(match.phase);
  const [topic, setTopic] = useState('');
  const [difficulty, setDifficulty] = useState<Difficulty>('Easy');
  const [language, setLanguage] = useState<Language>(user?.preferredLanguage ?? 'python');
  const [now, setNow] = useState(Date.now());
  const askToNotify = useNotificationPermission();
  const followed = useRef(false);
  const location = useLocation();
  const rematch = (location.state as Partial<RematchState> | null)?.rematch;

  useEffect(() => () => session.destroy(), [session]);

  // one look at my latest request: one still waiting (another visit, a reload) is followed again; a
  // session still running is offered by the banner above every page
  useEffect(() => {
    if (followed.current) {
      return;
    }
    followed.current = true;
    api.matching.current().then((r) => {
      if ((r.state === 'waiting' || r.state === 'matching') && session.store.get().phase === 'idle') {
        session.follow();
      }
    }).catch(() => undefined); // 404: no request lately
  }, [session]);

  // "Find a new partner" from a room whose partner left: the same request again, at once, once
  useEffect(() => {
    if (!rematch) {
      return;
    }
    followed.current = true;
    setTopic(rematch.topic);
    setDifficulty(rematch.difficulty);
    setLanguage(rematch.language);
    navigate('/', { replace: true, state: null });
    session.request(rematch.topic, rematch.difficulty, rematch.language, rematch.sessionId);
  }, [rematch, navigate, session]);

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

  // into the room a moment after the match, or, in a background tab, once the user comes back to it
  useEffect(() => {
    if (match.phase !== 'matched' || !match.match) {
      return undefined;
    }
    const to = `/session/${match.match.sessionId}`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const go = () => {
      if (document.visibilityState === 'visible') {
        timer = setTimeout(() => navigate(to), 1200);
        document.removeEventListener('visibilitychange', go);
      }
    };
    document.addEventListener('visibilitychange', go);
    go();
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', go);
    };
  }, [match.phase, match.match, navigate]);

  const waiting = isWaiting(match.phase);
  const stats = useMemo(() => (allStats ? othersWaiting(allStats, waiting && topic ? { topic, difficulty } : null) : null),
    [allStats, waiting, topic, difficulty]);
  useMatchedInBackground(match.phase === 'matched' ? match.match?.partner.username ?? null : null);

  const names = useMemo(() => new Map((topics.data ?? []).map((t) => [t.slug, t.name])), [topics.data]);
  const chosen = topics.data?.find((t) => t.slug === topic);
  const waitingFor = (d: Difficulty) => stats?.queues.find((q) => q.topic === topic && q.difficulty === d)?.waiting ?? 0;

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Hi {user?.displayName || user?.username}, ready to practise?</h1>
          <p className="muted">Choose a topic and a difficulty; we pair you with someone who chose the same.</p>
        </div>
      </header>

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
              mine={waiting ? difficulty : null} quiet={match.phase === 'timeout'}
              onStart={() => session.request(topic, difficulty, language)}
            />
          )}
          <MatchStatus
            phase={match.phase} seconds={secondsLeft(match, now)} total={match.enqueuedAt && match.timeoutAt ? Math.round((match.timeoutAt - match.enqueuedAt) / 1000) : null}
            detail={match.detail} relaxed={match.relaxed} reconnecting={match.reconnecting}
            topic={match.topic ? topicName(match.topic, names) : ''} partner={match.match?.partner.username}
            question={match.match?.question.title} onCancel={() => session.cancel()} onAgain={() => session.request(topic, difficulty, language)}
            onDismiss={() => session.reset()} onNotify={askToNotify}
          />
        </section>

        <div className="side-column">
          <section className="card queue-card" aria-labelledby="queue-title">
            <h2 id="queue-title">Waiting right now</h2>
            {!stats && <Loading label="Counting…" />}
            {stats && stats.total === 0 && (waiting
              ? <p className="muted">Nobody else is waiting at the moment; the next person who picks the same topic and difficulty joins you.</p>
              : <p className="muted">Nobody is waiting at the moment. Start a request and the next person who picks the same topic and difficulty joins you.</p>)}
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
