import type { Difficulty, Example, Language, Question, QuestionContent } from '../../api/types';

/** The editor's form: lists as text, one item per line, as people type them. */
export interface QuestionForm {
  title: string;
  difficulty: Difficulty;
  topics: string[];
  description: string;
  examples: Example[];
  constraints: string;
  hints: string;
  starterCode: Record<Language, string>;
}

export const emptyForm: QuestionForm = {
  title: '', difficulty: 'Easy', topics: [], description: '', examples: [], constraints: '', hints: '',
  starterCode: { python: '', java: '', javascript: '', cpp: '' },
};

export function formOf(q: Question): QuestionForm {
  return {
    title: q.title,
    difficulty: q.difficulty,
    topics: q.topics,
    description: q.description,
    examples: q.examples.map((e) => ({ input: e.input, output: e.output, explanation: e.explanation ?? '' })),
    constraints: q.constraints.join('\n'),
    hints: q.hints.join('\n'),
    starterCode: { python: '', java: '', javascript: '', cpp: '', ...q.starterCode },
  };
}

function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** What the question service takes: empty examples and starter code left out. */
export function contentOf(form: QuestionForm): QuestionContent {
  const starterCode = Object.fromEntries(Object.entries(form.starterCode).filter(([, code]) => code.trim() !== ''));
  return {
    title: form.title.trim(),
    difficulty: form.difficulty,
    topics: form.topics,
    description: form.description,
    examples: form.examples
      .filter((e) => e.input.trim() || e.output.trim())
      .map((e) => (e.explanation?.trim() ? { input: e.input, output: e.output, explanation: e.explanation.trim() } : { input: e.input, output: e.output })),
    constraints: lines(form.constraints),
    hints: lines(form.hints),
    starterCode,
  };
}

/** Inserts `text` in place of the selection of a textarea's value; returns the new value and caret. */
export function insertAt(value: string, start: number, end: number, text: string): { value: string; caret: number } {
  const before = value.slice(0, start);
  const after = value.slice(end);
  const pad = before && !before.endsWith('\n') ? '\n' : '';
  const inserted = `${pad}${text}\n`;
  return { value: before + inserted + after, caret: before.length + inserted.length };
}

/** The Markdown that shows an uploaded image, its alt text from the file name. */
export function imageMarkdown(fileName: string, url: string): string {
  const alt = fileName.replace(/\.[a-z0-9]+$/i, '').replace(/[[\]]/g, '').replace(/[-_]+/g, ' ').trim() || 'image';
  return `![${alt}](${url})`;
}
