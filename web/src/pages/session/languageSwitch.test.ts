import { describe, expect, it } from 'vitest';
import { planSwitch } from './languageSwitch';

const starter = { python: 'def solve():\n    pass\n', java: 'class Solution {\n}\n' };

describe('switching the language of a session', () => {
  it('swaps untouched starter code for the new language\'s', () => {
    expect(planSwitch(starter.python, 'python', 'java', starter)).toBe('swap');
  });

  it('swaps an empty editor for the new language\'s starter code', () => {
    expect(planSwitch('  \n', 'cpp', 'python', starter)).toBe('swap');
  });

  it('treats starter code with only trailing whitespace added as untouched', () => {
    expect(planSwitch(`${starter.python}\n\n`, 'python', 'java', starter)).toBe('swap');
  });

  it('asks before replacing code the users have edited', () => {
    expect(planSwitch('def solve():\n    return 42\n', 'python', 'java', starter)).toBe('ask');
  });

  it('keeps edited code when the new language has no starter code', () => {
    expect(planSwitch('def solve():\n    return 42\n', 'python', 'cpp', starter)).toBe('keep');
  });

  it('clears untouched starter code when the new language has none', () => {
    expect(planSwitch(starter.java, 'java', 'cpp', starter)).toBe('swap');
  });
});
