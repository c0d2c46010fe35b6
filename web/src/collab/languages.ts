import { Compartment, EditorState, Extension } from '@codemirror/state';
import { indentUnit } from '@codemirror/language';
import type { EditorView } from '@codemirror/view';
import type { Language } from '../api/types';

/** Each language's indentation convention: PEP 8 and the usual Java and C++ styles use 4 spaces, JavaScript 2. */
export const INDENT: Record<Language, number> = { python: 4, java: 4, cpp: 4, javascript: 2 };

const grammars = new Map<Language, Extension>();
const pending = new Map<Language, Promise<Extension>>();

function importGrammar(language: Language): Promise<Extension> {
  switch (language) {
    case 'java': return import('@codemirror/lang-java').then((m) => m.java());
    case 'javascript': return import('@codemirror/lang-javascript').then((m) => m.javascript());
    case 'cpp': return import('@codemirror/lang-cpp').then((m) => m.cpp());
    default: return import('@codemirror/lang-python').then((m) => m.python());
  }
}

/** Loads a language's grammar once (each is its own chunk, fetched when a session or attempt uses it). */
export function loadLanguage(language: Language): Promise<Extension> {
  const ready = grammars.get(language);
  if (ready) {
    return Promise.resolve(ready);
  }
  let loading = pending.get(language);
  if (!loading) {
    loading = importGrammar(language).then((grammar) => {
      grammars.set(language, grammar);
      pending.delete(language);
      return grammar;
    }, (error: unknown) => {
      pending.delete(language);
      throw error;
    });
    pending.set(language, loading);
  }
  return loading;
}

function indentation(language: Language): Extension {
  const width = INDENT[language] ?? 4;
  return [indentUnit.of(' '.repeat(width)), EditorState.tabSize.of(width)];
}

/** What is ready now for a language: its indentation always, its grammar once loaded. */
export function languageSupport(language: Language): Extension {
  return [grammars.get(language) ?? [], indentation(language)];
}

/**
 * Puts a language into an editor's compartment at once (indentation) and again when its grammar has
 * loaded, unless the editor moved on to another language or was closed meanwhile.
 */
export function applyLanguage(view: EditorView, compartment: Compartment, language: Language, current: () => Language): void {
  view.dispatch({ effects: compartment.reconfigure(languageSupport(language)) });
  if (grammars.has(language)) {
    return;
  }
  loadLanguage(language).then(() => {
    if (current() === language && view.dom.isConnected) {
      view.dispatch({ effects: compartment.reconfigure(languageSupport(language)) });
    }
  }, () => undefined); // without its grammar the code shows unhighlighted
}
