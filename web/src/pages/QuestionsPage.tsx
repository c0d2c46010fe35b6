import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { DIFFICULTIES } from '../api/types';
import { DifficultyBadge, TopicTags } from '../components/Badges';
import { EmptyState, ErrorNotice, Loading } from '../components/Feedback';
import { CursorPager } from '../components/Pager';
import { useAsync } from '../lib/useAsync';

const SIZE = 20;

/** The question bank, to browse and read; admins edit it from the question bank editor. */
export function QuestionsPage() {
  return (
    <div className="page">
      <header className="page-header"><div><h1>Questions</h1><p className="muted">Read any question of the bank ahead of a session, or look one up again afterwards.</p></div></header>
      <QuestionBrowser />
    </div>
  );
}

export function QuestionBrowser({ admin = false }: { admin?: boolean }) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const topic = params.get('topic') ?? '';
  const difficulty = params.get('difficulty') ?? '';
  const after = params.get('after') ?? '';
  // The cursors of the pages before this one ('' for the first), for Previous.
  const [trail, setTrail] = useState<string[]>([]);
  const [search, setSearch] = useState(q);
  const topics = useAsync(() => api.questions.topics(), []);
  const list = useAsync(() => api.questions.list({ q, topic, difficulty, after: after || undefined, size: SIZE, sort: admin ? 'updatedAt:desc' : undefined }), [params.toString(), admin]);
  const names = useMemo(() => new Map((topics.data ?? []).map((t) => [t.slug, t.name])), [topics.data]);

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    Object.entries(changes).forEach(([k, v]) => (v ? next.set(k, v) : next.delete(k)));
    if (!('after' in changes)) {
      next.delete('after');
      setTrail([]);
    }
    setParams(next);
  };
  const nextPage = (cursor: string) => {
    setTrail([...trail, after]);
    update({ after: cursor });
  };
  const previousPage = () => {
    update({ after: trail[trail.length - 1] ?? '' });
    setTrail(trail.slice(0, -1));
  };

  return (
    <>
      <form className="filters card" role="search" onSubmit={(e) => { e.preventDefault(); update({ q: search.trim() }); }}>
        <div className="field grow">
          <label htmlFor="q-search">Search</label>
          <input id="q-search" type="search" placeholder="Words in the title or text" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="q-topic">Topic</label>
          <select id="q-topic" value={topic} onChange={(e) => update({ topic: e.target.value })}>
            <option value="">All topics</option>
            {(topics.data ?? []).map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q-difficulty">Difficulty</label>
          <select id="q-difficulty" value={difficulty} onChange={(e) => update({ difficulty: e.target.value })}>
            <option value="">Any</option>
            {DIFFICULTIES.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </div>
        <button type="submit" className="button">Search</button>
      </form>
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading label="Loading questions…" />}
      {list.data && list.data.items.length === 0 && <EmptyState title="No question matches."><p>Try fewer words or another topic.</p></EmptyState>}
      {list.data && list.data.items.length > 0 && (
        <>
          {list.data.total !== undefined && <p className="muted">{list.data.total} question{list.data.total === 1 ? '' : 's'}</p>}
          <ul className="question-list">
            {list.data.items.map((item) => (
              <li key={item.id} className="question-item">
                <Link to={admin ? `/admin/questions/${item.id}` : `/questions/${item.id}`} className="row-link">{item.title}</Link>
                <div className="row-meta"><DifficultyBadge difficulty={item.difficulty} /> <TopicTags topics={item.topics} names={names} /></div>
              </li>
            ))}
          </ul>
          <CursorPager depth={trail.length} size={list.data.size} total={list.data.total} hasMore={list.data.hasMore}
            onPrevious={previousPage} onNext={() => list.data?.next && nextPage(list.data.next)} />
        </>
      )}
    </>
  );
}
