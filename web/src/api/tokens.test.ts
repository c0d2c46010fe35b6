import { describe, expect, it } from 'vitest';
import { EXPIRY_MARGIN_MS, REFRESH_KEY, TokenStore, jwtExpiry } from './tokens';

function jwt(claims: object): string {
  const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${b64({ alg: 'ES256', kid: 'k1' })}.${b64(claims)}.c2ln`;
}

class MemoryStore {
  data = new Map<string, string>();
  getItem(k: string) { return this.data.get(k) ?? null; }
  setItem(k: string, v: string) { this.data.set(k, v); }
  removeItem(k: string) { this.data.delete(k); }
}

describe('token expiry', () => {
  it('reads the exp claim of a JWT in milliseconds', () => {
    expect(jwtExpiry(jwt({ sub: 'u', exp: 1_767_261_600 }))).toBe(1_767_261_600_000);
  });

  it('returns null for something that is not a JWT', () => {
    expect(jwtExpiry('opaque')).toBeNull();
    expect(jwtExpiry('a.%%%.c')).toBeNull();
    expect(jwtExpiry(jwt({ sub: 'u' }))).toBeNull();
  });

  it('counts a token as fresh until the margin before its expiry', () => {
    let now = 0;
    const store = new TokenStore(new MemoryStore(), () => now);
    store.save('t', 'r', 120);
    now = 120_000 - EXPIRY_MARGIN_MS - 1;
    expect(store.hasFreshAccess()).toBe(true);
    now = 120_000 - EXPIRY_MARGIN_MS;
    expect(store.hasFreshAccess()).toBe(false);
  });

  it('falls back to the exp claim when the server gave no lifetime', () => {
    const now = 1_767_261_000_000;
    const store = new TokenStore(new MemoryStore(), () => now);
    store.save(jwt({ exp: now / 1000 + 600 }), 'r');
    expect(store.hasFreshAccess()).toBe(true);
    store.save(jwt({ exp: now / 1000 + 10 }), 'r');
    expect(store.hasFreshAccess()).toBe(false);
  });

  it('keeps the refresh token in storage and the access token only in memory', () => {
    const backing = new MemoryStore();
    const store = new TokenStore(backing, () => 0);
    store.save('access', 'refresh', 900);
    expect([...backing.data.entries()]).toEqual([[REFRESH_KEY, 'refresh']]);
    store.clear();
    expect(backing.data.size).toBe(0);
    expect(store.accessToken).toBeNull();
  });
});
