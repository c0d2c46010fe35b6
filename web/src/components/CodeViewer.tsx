import { useEffect, useRef } from 'react';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import type { Language } from '../api/types';
import { applyLanguage, languageSupport } from '../collab/languages';
import { editorTheme } from '../collab/editorTheme';
import { useTheme } from '../theme/theme';

/** Read-only code with highlighting: an attempt's final code, or a replay frame. */
export function CodeViewer({ value, language, label }: { value: string; language: Language; label: string }) {
  const parent = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lang = useRef(new Compartment());
  const theme = useRef(new Compartment());
  const current = useRef(language);
  const { dark } = useTheme();

  useEffect(() => {
    const v = new EditorView({
      parent: parent.current as HTMLDivElement,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
          // focusable, so keyboard users can scroll long code (the view is read-only)
          EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
          lang.current.of(languageSupport(language)),
          theme.current.of(editorTheme(dark)),
        ],
      }),
    });
    view.current = v;
    applyLanguage(v, lang.current, language, () => current.current);
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    current.current = language;
    if (view.current) {
      applyLanguage(view.current, lang.current, language, () => current.current);
    }
  }, [language]);

  useEffect(() => {
    view.current?.dispatch({ effects: theme.current.reconfigure(editorTheme(dark)) });
  }, [dark]);

  return <div className="code-viewer" ref={parent} data-testid="code-viewer" />;
}
