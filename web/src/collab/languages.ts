import type { Extension } from '@codemirror/state';
import { python } from '@codemirror/lang-python';
import { java } from '@codemirror/lang-java';
import { javascript } from '@codemirror/lang-javascript';
import { cpp } from '@codemirror/lang-cpp';
import type { Language } from '../api/types';

/** CodeMirror's syntax support for each language a session can use. */
export function languageSupport(language: Language): Extension {
  switch (language) {
    case 'java': return java();
    case 'javascript': return javascript();
    case 'cpp': return cpp();
    default: return python();
  }
}
