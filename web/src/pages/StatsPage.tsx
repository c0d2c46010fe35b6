import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { DIFFICULTIES } from '../api/types';
import { EmptyState, ErrorNotice, Loading } from '../components/Feedback';
import { formatDateTime, topicName } from '../lib/format';
import { useAsync } from '../lib/useAsync';

function Bars({ rows, label }: { rows: { key: string; name: string; value: number; tone?: string }[]; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul className="bars" aria-label={label}>
      {rows.map((r) => (
        <li key={r.key}>
          <span className="bar-name">{r.name}</span>
          <span className="bar-track" aria-hidden="true"><span className={`bar-fill ${r.tone ?? ''}`} style={{ width: `${(r.value / max) * 100}%` }} /></span>
          <span className="bar-value">{r.value}</span>
        </li>
      ))}
    </ul>
  );
}

export function StatsPage() {
  const stats = useAsync(() => api.history.stats(), []);
  const topics = useAsync(() => api.questions.topics(), []);
  const names = useMemo(() => new Map((topics.data ?? []).map((t) => [t.slug, t.name])), [topics.data]);

  if (stats.loading && !stats.data) {
    return <div className="page"><Loading label="Adding up your practice…" /></div>;
  }
  if (!stats.data) {
    return <div className="page"><ErrorNotice error={stats.error} onRetry={stats.reload} /></div>;
  }
  const s = stats.data;
  const byTopic = Object.entries(s.byTopic).sort((a, b) => b[1] - a[1]);
  return (
    <div className="page">
      <header className="page-header"><div><h1>My stats</h1><p className="muted">Streaks count UTC days with at least one finished session.</p></div></header>
      {s.total === 0 ? (
        <EmptyState title="No practice yet."><p>Your numbers appear after your first session. <Link to="/">Find a partner</Link></p></EmptyState>
      ) : (
        <>
          <div className="stat-cards">
            <div className="card stat"><span className="stat-value" data-testid="stat-total">{s.total}</span><span className="stat-label">{s.total === 1 ? 'session' : 'sessions'}</span></div>
            <div className="card stat"><span className="stat-value">{s.solved}</span><span className="stat-label">{s.solved === 1 ? 'question' : 'different questions'}</span></div>
            <div className="card stat"><span className="stat-value">{s.currentStreak}</span><span className="stat-label">day streak now</span></div>
            <div className="card stat"><span className="stat-value">{s.longestStreak}</span><span className="stat-label">longest streak</span></div>
          </div>
          <div className="two-columns">
            <section className="card">
              <h2>By difficulty</h2>
              <Bars label="Sessions by difficulty" rows={DIFFICULTIES.map((d) => ({ key: d, name: d, value: s.byDifficulty[d] ?? 0, tone: d.toLowerCase() }))} />
            </section>
            <section className="card">
              <h2>By topic</h2>
              <Bars label="Sessions by topic" rows={byTopic.map(([slug, n]) => ({ key: slug, name: topicName(slug, names), value: n }))} />
            </section>
          </div>
          <p className="muted">Last session: {formatDateTime(s.lastAttemptAt)}</p>
        </>
      )}
    </div>
  );
}
