import { DIFFICULTIES, Difficulty, LANGUAGES, Language, Topic } from '../../api/types';

interface MatchFormProps {
  topics: Topic[];
  topic: string;
  setTopic: (t: string) => void;
  difficulty: Difficulty;
  setDifficulty: (d: Difficulty) => void;
  language: Language;
  setLanguage: (l: Language) => void;
  disabled: boolean;
  /** People waiting besides me. */
  waitingFor: (d: Difficulty) => number;
  /** The difficulty of my own request while it waits. */
  mine: Difficulty | null;
  /** Another button is the one to press now (Try again after a timeout). */
  quiet: boolean;
  chosen: Topic | undefined;
  onStart: () => void;
}

export function MatchForm(p: MatchFormProps) {
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
              <span className="segment-meta">{count} question{count === 1 ? '' : 's'}{waitingText(waiting, p.mine === d)}</span>
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
        <button type="submit" className={`button button-large${p.quiet ? '' : ' button-primary'}`} disabled={!p.topic || (p.chosen?.counts[p.difficulty] ?? 0) === 0}>
          Find a partner
        </button>
      )}
    </form>
  );
}

function waitingText(others: number, mine: boolean): string {
  if (mine) {
    return others > 0 ? ` · you and ${others} other${others === 1 ? '' : 's'} waiting` : ' · you are waiting';
  }
  return others > 0 ? ` · ${others} waiting` : '';
}
