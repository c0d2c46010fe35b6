import { describe, expect, it } from 'vitest';
import { loginPath, safeNext } from './navigation';

describe('safeNext', () => {
  it('returns to a page of the app', () => {
    expect(safeNext('/history/abc?page=2')).toBe('/history/abc?page=2');
  });

  it('refuses other sites and protocol-relative tricks', () => {
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });

  it('does not loop back to the login page', () => {
    expect(safeNext('/login?next=/x')).toBe('/');
  });

  it('builds the login path that brings the user back', () => {
    expect(loginPath('/session/42?x=1')).toBe('/login?next=%2Fsession%2F42%3Fx%3D1');
    expect(loginPath('/')).toBe('/login');
  });
});
