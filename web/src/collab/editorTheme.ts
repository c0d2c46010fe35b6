import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { oneDarkTheme } from '@codemirror/theme-one-dark';
import { tags as t } from '@lezer/highlight';

// Token colours chosen for at least 4.5:1 contrast against the editor's background and its active line
// (WCAG AA), in each theme.
const light = HighlightStyle.define([
  { tag: [t.keyword, t.modifier, t.controlKeyword, t.operatorKeyword], color: '#7c3aed' },
  { tag: [t.string, t.special(t.string), t.regexp], color: '#b91c1c' },
  { tag: [t.number, t.bool, t.null, t.atom], color: '#0f766e' },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: '#4b5563', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.variableName)], color: '#1d4ed8' },
  { tag: [t.typeName, t.className, t.namespace], color: '#92400e' },
  { tag: [t.propertyName, t.attributeName], color: '#1e40af' },
  { tag: [t.meta, t.annotation, t.processingInstruction], color: '#6d28d9' },
  { tag: t.invalid, color: '#b91c1c', textDecoration: 'underline' },
]);

const dark = HighlightStyle.define([
  { tag: [t.keyword, t.modifier, t.controlKeyword, t.operatorKeyword], color: '#c4b5fd' },
  { tag: [t.string, t.special(t.string), t.regexp], color: '#86efac' },
  { tag: [t.number, t.bool, t.null, t.atom], color: '#fdba74' },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: '#b0b7c3', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.variableName)], color: '#93c5fd' },
  { tag: [t.typeName, t.className, t.namespace], color: '#fcd34d' },
  { tag: [t.propertyName, t.attributeName], color: '#7dd3fc' },
  { tag: [t.meta, t.annotation, t.processingInstruction], color: '#c4b5fd' },
  { tag: [t.operator, t.punctuation], color: '#e5e7eb' },
  { tag: t.invalid, color: '#fca5a5', textDecoration: 'underline' },
]);

const darkGutter = EditorView.theme({ '.cm-gutters': { color: '#9da5b4' } }, { dark: true });

/** The editor's look in the app's light or dark theme (One Dark's surfaces with readable token colours). */
export function editorTheme(isDark: boolean): Extension {
  return isDark ? [oneDarkTheme, darkGutter, syntaxHighlighting(dark)] : [syntaxHighlighting(light)];
}
