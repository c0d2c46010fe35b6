import { personName } from '../lib/people';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { DIFFICULTIES, LANGUAGES } from '../api/types';
import { DifficultyBadge, TopicTags } from '../components/Badges';
import { EmptyState, ErrorNotice, Loading } from '../components/Feedback';
import { Pager } from '../components/Pager';
import { formatDateTime, formatDuration } from '../lib/format';
import { useAsync } from '../lib/useAsync';

const SIZE = 20;

export function HistoryPage() {
  const [params, setParams] = useSearchParams();
  const filter = {
    topic: params.get('topic') ?? '',
    difficulty: params.get('difficulty') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    page: Number(params.get('page') ?? '1') || 1,
  };
  const topics = useAsync(() => api.questions.topics(), []);
  const attempts = useAsync(() => api.history.attempts({ ...filter, size: SIZE }), [params.toString()]);
  const names = useMemo(() => new Map((topics.data ?? []).map((t) => [t.slug, t.name])), [topics.data]);
  const filtered = Boolean(filter.topic || filter.difficulty || filter.from || filter.to);

  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(key, value);
    } else {
      next.delete(key);
    }
    if (key !== 'page') {
      next.delete('page');
    }
    setParams(next, { replace: key !== 'page' });
  };

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>History</h1>
          <p className="muted">Every session you finished, with its code, its chat and a replay of how it was written.</p>
        </div>
      </header>
      <form className="filters card" onSubmit={(e) => e.preventDefault()} aria-label="Filter attempts">
        <div className="field">
          <label htmlFor="f-topic">Topic</label>
          <select id="f-topic" value={filter.topic} onChange={(e) => update('topic', e.target.value)}>
            <option value="">All topics</option>
            {(topics.data ?? []).map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-difficulty">Difficulty</label>
          <select id="f-difficulty" value={filter.difficulty} onChange={(e) => update('difficulty', e.target.value)}>
            <option value="">Any</option>
            {DIFFICULTIES.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-from">From</label>
          <input id="f-from" type="date" value={filter.from} onChange={(e) => update('from', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="f-to">To</label>
          <input id="f-to" type="date" value={filter.to} onChange={(e) => update('to', e.target.value)} />
        </div>
        {filtered && <button type="button" className="button button-ghost" onClick={() => setParams(new URLSearchParams())}>Clear filters</button>}
      </form>

      <ErrorNotice error={attempts.error} onRetry={attempts.reload} />
      {attempts.loading && !attempts.data && <Loading label="Loading your attempts…" />}
      {attempts.data && attempts.data.items.length === 0 && (
        filtered
          ? <EmptyState title="No attempt matches these filters."><p>Try another topic, difficulty or dates.</p></EmptyState>
          : <EmptyState title="No attempts yet."><p>Finish a session with a partner and it shows up here. <Link to="/">Find a partner</Link></p></EmptyState>
      )}
      {attempts.data && attempts.data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table attempts">
              <caption className="visually-hidden">Your attempts, newest first</caption>
              <thead>
                <tr><th scope="col">Question</th><th scope="col">Partner</th><th scope="col">Language</th><th scope="col">Ended</th><th scope="col">Duration</th></tr>
              </thead>
              <tbody>
                {attempts.data.items.map((a) => (
                  <tr key={a.sessionId}>
                    <td>
                      <Link to={`/history/${a.sessionId}`} className="row-link">{a.question.title}</Link>
                      <div className="row-meta"><DifficultyBadge difficulty={a.question.difficulty} /> <TopicTags topics={a.question.topics} names={names} /></div>
                    </td>
                    <td>{personName(a.partner, 'deleted user')}</td>
                    <td>{LANGUAGES.find((l) => l.id === a.language)?.label ?? a.language}</td>
                    <td>{formatDateTime(a.endedAt)}</td>
                    <td>{formatDuration(a.durationSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={attempts.data.page} size={attempts.data.size} total={attempts.data.total} onPage={(p) => update('page', String(p))} />
        </>
      )}
    </div>
  );
}
