import { Link } from 'react-router-dom';
import { api } from '../../api';
import { topicName } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

/** The user's last sessions and streak, one click from their history. */
export function RecentPractice({ names }: { names: Map<string, string> }) {
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
