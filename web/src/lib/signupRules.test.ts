import { describe, expect, it } from 'vitest';
import { signupProblems, whyNotReady } from './signupRules';

const good = { username: 'ada_l', email: 'ada@example.com', password: 'Practice-Pairs-2026' };

describe('sign-up checked as the user types', () => {
  it('finds nothing wrong with a good form, which is ready', () => {
    expect(signupProblems(good)).toEqual({});
    expect(whyNotReady(good, {})).toBeNull();
  });

  it('says what is wrong with each field, as the service would', () => {
    const problems = signupProblems({ username: 'a!', email: 'ada@', password: 'short' });
    expect(problems.username).toContain('3 to 32');
    expect(problems.email).toContain('email address');
    expect(problems.password).toBe('The password must be at least 10 characters long.');
    expect(signupProblems({ ...good, password: 'alllowercaseletters' }).password).toContain('two kinds');
    expect(signupProblems({ ...good, password: 'ada@example.com' }).password).toContain('not be your username or your email');
    expect(signupProblems({ ...good, username: 'Tricky-Pass1', password: 'tricky-pass1' }).password).toContain('not be your username');
  });

  it('does not complain about fields not filled in yet, but says they are missing', () => {
    const empty = { username: '', email: '', password: '' };
    expect(signupProblems(empty)).toEqual({});
    expect(whyNotReady(empty, {})).toBe('Fill in your username, email and password to continue.');
    expect(whyNotReady({ ...good, email: '' }, {})).toBe('Fill in your email to continue.');
  });

  it('names the fields to fix when all are filled in', () => {
    const f = { ...good, password: 'short' };
    expect(whyNotReady(f, signupProblems(f))).toBe('Fix the password above to continue.');
  });
});
