import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from './client';
import { ApiError, SessionExpiredError } from './problem';
import { REFRESH_KEY } from './tokens';
import type { AuthSession } from './types';

class MemoryStore {
  data = new Map<string, string>();
  getItem(k: string) { return this.data.get(k) ?? null; }
  setItem(k: string, v: string) { this.data.set(k, v); }
  removeItem(k: string) { this.data.delete(k); }
}

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function session(n: number, expiresIn = 900): AuthSession {
  return {
    user: { id: 'u1', username: 'ada', email: 'a@x.io', displayName: null, preferredLanguage: null, role: 'user', roles: ['user'], disabled: false, createdAt: '' },
    accessToken: `access-${n}`, tokenType: 'Bearer', expiresIn, refreshToken: `refresh-${n}`,
  };
}

/** A fake user service: refresh rotates tokens; other routes accept only the current access token. */
function fakeServer(options: { refreshDelay?: Promise<void>; refuseRefresh?: boolean } = {}) {
  let generation = 1;
  const revoked = new Set<string>();
  const calls: string[] = [];
  const fetcher = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    if (url.endsWith('/auth/refresh')) {
      await options.refreshDelay;
      const sent = JSON.parse(String(init?.body)).refreshToken;
      if (options.refuseRefresh || sent !== `refresh-${generation}`) {
        return json(401, { title: 'Unauthorized', status: 401, detail: 'The refresh token is not valid.' }, 'application/problem+json');
      }
      generation += 1;
      return json(200, session(generation));
    }
    const auth = (init?.headers as Record<string, string>)?.Authorization;
    if (auth !== `Bearer access-${generation}` || revoked.has(auth)) {
      return json(401, { title: 'Unauthorized', status: 401, detail: 'The access token has expired.' }, 'application/problem+json');
    }
    return json(200, { ok: true, url });
  });
  return { fetcher, calls, revoke: (token: string) => revoked.add(`Bearer ${token}`) };
}

function clientWith(server: ReturnType<typeof fakeServer>, store = new MemoryStore(), now = () => 1_000_000) {
  return new ApiClient({ fetch: server.fetcher as unknown as typeof fetch, storage: store, now, lock: (_n, t) => t() });
}

describe('ApiClient', () => {
  it('calls a service under its public prefix with the access token', async () => {
    const server = fakeServer();
    const client = clientWith(server);
    client.adopt(session(1));
    const answer = await client.request<{ url: string }>('history', '/stats/me');
    expect(answer.url).toBe('/history-service-api/stats/me');
    expect(server.calls).toEqual(['GET /history-service-api/stats/me']);
  });

  it('refreshes silently after a 401 and retries the request once', async () => {
    const server = fakeServer();
    const client = clientWith(server);
    client.adopt(session(1));
    server.revoke('access-1'); // e.g. the signing key rotated before the token's own expiry
    const answer = await client.request<{ ok: boolean }>('question', '/topics');
    expect(answer.ok).toBe(true);
    expect(server.calls).toEqual([
      'GET /question-service-api/topics',
      'POST /user-service-api/auth/refresh',
      'GET /question-service-api/topics',
    ]);
  });

  it('renews a token that is about to expire before sending the request', async () => {
    const server = fakeServer();
    let now = 0;
    const client = clientWith(server, new MemoryStore(), () => now);
    client.adopt(session(1, 60));
    now = 45_000; // 15 s left, inside the 30 s margin
    await client.request('history', '/attempts');
    expect(server.calls).toEqual(['POST /user-service-api/auth/refresh', 'GET /history-service-api/attempts']);
  });

  it('runs only one refresh when many requests need a token at once', async () => {
    let release!: () => void;
    const server = fakeServer({ refreshDelay: new Promise<void>((r) => { release = r; }) });
    const store = new MemoryStore();
    store.setItem(REFRESH_KEY, 'refresh-1');
    const client = clientWith(server, store);
    const pending = Promise.all([
      client.request('history', '/a'), client.request('history', '/b'), client.request('question', '/c'),
    ]);
    release();
    await pending;
    expect(server.calls.filter((c) => c.includes('/auth/refresh'))).toHaveLength(1);
    expect(store.getItem(REFRESH_KEY)).toBe('refresh-2');
  });

  it('reads the refresh token only once it holds the lock, so another tab\'s rotation is picked up', async () => {
    const server = fakeServer();
    const store = new MemoryStore();
    store.setItem(REFRESH_KEY, 'refresh-1');
    const client = new ApiClient({
      fetch: server.fetcher as unknown as typeof fetch,
      storage: store,
      lock: async (_name, task) => {
        // while we waited for the lock another tab refreshed and stored its new token
        await new ApiClient({ fetch: server.fetcher as unknown as typeof fetch, storage: store, lock: (_n, t) => t() }).refresh();
        return task();
      },
    });
    const answer = await client.refresh();
    expect(answer.refreshToken).toBe('refresh-3');
  });

  it('tells listeners and clears the tokens when the refresh token is refused', async () => {
    const server = fakeServer({ refuseRefresh: true });
    const store = new MemoryStore();
    store.setItem(REFRESH_KEY, 'refresh-1');
    const client = clientWith(server, store);
    const expired = vi.fn();
    client.onExpired(expired);
    await expect(client.request('history', '/attempts')).rejects.toBeInstanceOf(SessionExpiredError);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(store.getItem(REFRESH_KEY)).toBeNull();
  });

  it('expires at once without a network call when there is no refresh token', async () => {
    const server = fakeServer();
    const client = clientWith(server);
    await expect(client.accessToken()).rejects.toBeInstanceOf(SessionExpiredError);
    expect(server.calls).toEqual([]);
  });

  it('keeps the session when the refresh cannot reach the server', async () => {
    const store = new MemoryStore();
    store.setItem(REFRESH_KEY, 'refresh-1');
    const client = new ApiClient({
      fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch,
      storage: store,
      lock: (_n, t) => t(),
    });
    const error = await client.refresh().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
    expect(store.getItem(REFRESH_KEY)).toBe('refresh-1');
  });

  it('turns a problem+json answer into an error carrying its detail', async () => {
    const client = new ApiClient({
      fetch: (async () => json(409, { title: 'Conflict', status: 409, detail: 'The username ada is taken.' }, 'application/problem+json')) as unknown as typeof fetch,
      storage: new MemoryStore(),
      lock: (_n, t) => t(),
    });
    const error = await client.request('user', '/auth/register', { method: 'POST', json: {}, auth: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('The username ada is taken.');
    expect((error as ApiError).status).toBe(409);
  });

  it('reads Retry-After of a 429 into the error', async () => {
    const client = new ApiClient({
      fetch: (async () => new Response(JSON.stringify({ title: 'Too Many Requests', status: 429 }), {
        status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '42' },
      })) as unknown as typeof fetch,
      storage: new MemoryStore(),
      lock: (_n, t) => t(),
    });
    const error = (await client.request('user', '/auth/login', { method: 'POST', json: {}, auth: false }).catch((e: unknown) => e)) as ApiError;
    expect(error.retryAfterSeconds).toBe(42);
  });

  it('does not sign back in with a renewal that was on its way when the user signed out, and revokes what it brought', async () => {
    let release: () => void = () => undefined;
    const server = fakeServer({ refreshDelay: new Promise<void>((r) => { release = r; }) });
    const client = clientWith(server);
    client.adopt(session(1));
    const adopted = vi.fn();
    client.onSession(adopted);
    const renewal = client.refresh();
    await vi.waitFor(() => expect(server.calls).toContain('POST /user-service-api/auth/refresh'));
    client.forget();
    release();
    await expect(renewal).rejects.toBeInstanceOf(SessionExpiredError);
    expect(client.hasRefreshToken()).toBe(false);
    expect(adopted).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(server.calls).toContain('POST /user-service-api/auth/logout'));
    const logout = server.fetcher.mock.calls.find(([url]) => String(url).endsWith('/auth/logout'));
    expect(JSON.parse(String(logout?.[1]?.body)).refreshToken).toBe('refresh-2');
  });
});
