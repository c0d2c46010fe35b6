import { Link } from 'react-router-dom';
import type { SessionView } from '../../api/types';
import { LANGUAGES } from '../../api/types';
import { CodeViewer } from '../../components/CodeViewer';
import { formatDateTime } from '../../lib/format';

export interface EndedInfo {
  endedAt?: string | null;
  /** Who ended it: 'you', the partner's name, or null (abandoned, or not known). */
  by: string | null;
  abandoned: boolean;
  code: string;
  language: SessionView['language'];
}

/** A session that is over: what happened, the final code, and where to go next. */
export function EndedView({ session, info, partnerName }: { session: SessionView; info: EndedInfo; partnerName: string }) {
  const language = LANGUAGES.find((l) => l.id === info.language)?.label ?? info.language;
  return (
    <div className="page ended-view" data-testid="ended-view">
      <h1>This session has ended</h1>
      <p data-testid="ended-summary">
        Your session on <strong>{session.question.title}</strong> with {partnerName}
        {info.by ? ` was ended by ${info.by}` : ' ended'}
        {info.endedAt ? ` at ${formatDateTime(info.endedAt)}` : ''}
        {info.abandoned ? ' after both of you had left' : ''}. The code, the chat and a replay are saved to both your histories.
      </p>
      <p className="actions">
        <Link className="button button-primary" to={`/history/${session.sessionId}`}>Open it in your history</Link>
        <Link className="button" to="/">Practise again</Link>
        <Link className="button button-ghost" to={`/questions/${session.question.id}`}>Read the question again</Link>
      </p>
      {info.code && (
        <section className="card" aria-labelledby="final-code-title">
          <h2 id="final-code-title">Final code <span className="muted">({language})</span></h2>
          <CodeViewer value={info.code} language={info.language} label="Final code" />
        </section>
      )}
    </div>
  );
}
