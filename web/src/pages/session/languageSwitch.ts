import type { Language, StarterCode } from '../../api/types';

/**
 * What switching the session's language does to the code: `swap` it for the new language's starter code
 * when the code is still the old one's starter code (or empty), `ask` first when the user has edited it
 * and the new language has starter code, else `keep` the code as it is.
 */
export type SwitchPlan = 'swap' | 'ask' | 'keep';

export function isUntouched(text: string, language: Language, starter: StarterCode): boolean {
  return text.trim() === '' || text.trimEnd() === (starter[language] ?? '').trimEnd();
}

export function planSwitch(text: string, from: Language, to: Language, starter: StarterCode): SwitchPlan {
  const next = starter[to] ?? '';
  if (isUntouched(text, from, starter)) {
    return text === next ? 'keep' : 'swap';
  }
  return next.trim() === '' ? 'keep' : 'ask';
}
