import type { Question, QuestionRef } from '../../api/types';
import { DifficultyBadge, TopicTags } from '../../components/Badges';
import { Markdown } from '../../components/Markdown';
import { Loading } from '../../components/Feedback';
import { useTopicNames } from '../../lib/topics';

/** The question of the session: description, examples, constraints and hints (hidden until asked for). */
export function QuestionPanel({ summary, question, loading }: { summary: QuestionRef; question?: Question; loading: boolean }) {
  const names = useTopicNames();
  return (
    <section className="panel question-panel" aria-labelledby="question-title">
      <header className="panel-header">
        <h2 id="question-title">{summary.title}</h2>
        <div className="panel-meta"><DifficultyBadge difficulty={summary.difficulty} /> <TopicTags topics={summary.topics} names={names} /></div>
      </header>
      {/* focusable: keyboard users can scroll a long question */}
      <div className="panel-body" tabIndex={0} role="region" aria-labelledby="question-title">
        {loading && <Loading label="Loading the question…" />}
        {!loading && !question && <p className="muted">The full text of this question is no longer available.</p>}
        {question && <QuestionBody question={question} />}
      </div>
    </section>
  );
}

/** The question's text; its section headings are one level below the page's heading of the question (`level`). */
export function QuestionBody({ question, level = 3 }: { question: Question; level?: 2 | 3 }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <>
      <Markdown source={question.description} />
      {question.examples.length > 0 && (
        <div className="examples">
          <H>Examples</H>
          {question.examples.map((ex, i) => (
            <div className="example" key={i}>
              <div><span className="example-label">Input</span><pre>{ex.input}</pre></div>
              <div><span className="example-label">Output</span><pre>{ex.output}</pre></div>
              {ex.explanation && <p className="muted">{ex.explanation}</p>}
            </div>
          ))}
        </div>
      )}
      {question.constraints.length > 0 && (
        <>
          <H>Constraints</H>
          <ul className="constraints">{question.constraints.map((c, i) => <li key={i}><Markdown source={c} className="inline" /></li>)}</ul>
        </>
      )}
      {question.hints.length > 0 && (
        <>
          <H>Hints</H>
          {question.hints.map((h, i) => (
            <details key={i} className="hint">
              <summary>Hint {i + 1}</summary>
              <Markdown source={h} />
            </details>
          ))}
        </>
      )}
    </>
  );
}
