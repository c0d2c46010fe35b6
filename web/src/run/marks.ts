import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import type { RunDiagnostic } from './runs';

/** Underlines the lines a compiler or interpreter named; an empty list clears the marks. */
export function markProblems(view: EditorView, problems: RunDiagnostic[]): void {
  const doc = view.state.doc;
  const marks: Diagnostic[] = problems
    .filter((p) => p.line >= 1 && p.line <= doc.lines)
    .map((p) => {
      const line = doc.line(p.line);
      const from = p.column > 0 ? Math.min(line.from + p.column - 1, line.to) : line.from;
      return { from, to: Math.max(from, line.to), severity: p.severity === 'warning' ? 'warning' : 'error', message: p.message };
    });
  view.dispatch(setDiagnostics(view.state, marks));
}
