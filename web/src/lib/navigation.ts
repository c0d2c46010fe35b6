/** Where to go after signing in: only a path inside this app, never another site. */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  if (next.startsWith('/login') || next.startsWith('/signup')) {
    return fallback;
  }
  return next;
}

export function loginPath(current: string): string {
  return current && current !== '/' ? `/login?next=${encodeURIComponent(current)}` : '/login';
}
