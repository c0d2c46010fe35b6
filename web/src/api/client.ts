import { ApiError, SessionExpiredError, errorFrom } from './problem';
import { KeyValueStore, TokenStore } from './tokens';
import type { AuthSession } from './types';

/** The public prefix of each service: the same in every mode (nginx, Vite's proxy, the load balancer). */
export const PREFIXES = {
  user: '/user-service-api',
  question: '/question-service-api',
  matching: '/matching-service-api',
  history: '/history-service-api',
  collaboration: '/collaboration-service-api',
  chat: '/chat-service-api',
} as const;

export type Service = keyof typeof PREFIXES;

export interface RequestOptions {
  method?: string;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (an image's bytes). */
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Defaults to true: send the access token, refreshing it first when needed. */
  auth?: boolean;
  signal?: AbortSignal;
}

/** Serializes refreshes across tabs, where the browser offers it. */
export type LockRunner = <T>(name: string, task: () => Promise<T>) => Promise<T>;

export interface ApiClientOptions {
  fetch?: typeof fetch;
  storage?: KeyValueStore;
  now?: () => number;
  lock?: LockRunner;
}

const browserLock: LockRunner = (name, task) => {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request(name, task) as Promise<Awaited<ReturnType<typeof task>>>) : task();
};

/**
 * Every call to the services goes through here. Access tokens are renewed silently: before a request
 * when the token is about to expire, and once after a 401. Only one refresh runs at a time; callers that
 * need a token meanwhile wait for it. When the refresh token is refused, listeners are told so the app
 * can send the user to the login page.
 */
export class ApiClient {
  readonly tokens: TokenStore;
  private readonly fetcher: typeof fetch;
  private readonly lock: LockRunner;
  private refreshing: Promise<AuthSession> | null = null;
  /** Counts sign-outs, so a renewal that was under way when the user signed out is not adopted. */
  private signOuts = 0;
  private readonly sessionListeners = new Set<(session: AuthSession) => void>();
  private readonly expiryListeners = new Set<() => void>();

  constructor(options: ApiClientOptions = {}) {
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
    this.tokens = new TokenStore(options.storage ?? window.localStorage, options.now);
    this.lock = options.lock ?? browserLock;
  }

  /** Called with every new token pair (sign-in, refresh, password change). */
  onSession(listener: (session: AuthSession) => void): () => void {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
  }

  /** Called once the refresh token is refused and the user must sign in again. */
  onExpired(listener: () => void): () => void {
    this.expiryListeners.add(listener);
    return () => this.expiryListeners.delete(listener);
  }

  hasRefreshToken(): boolean {
    return this.tokens.refreshToken !== null;
  }

  /** Adopts a token pair the user service just answered. */
  adopt(session: AuthSession): void {
    this.tokens.save(session.accessToken, session.refreshToken, session.expiresIn);
    this.sessionListeners.forEach((l) => l(session));
  }

  /** Forgets every token without telling the server (it is done elsewhere or impossible). */
  forget(): void {
    this.signOuts += 1;
    this.tokens.clear();
  }

  /** A valid access token, renewed first when it is missing or about to expire. */
  async accessToken(): Promise<string> {
    if (this.tokens.hasFreshAccess()) {
      return this.tokens.accessToken as string;
    }
    const session = await this.refresh();
    return session.accessToken;
  }

  /** Renews the token pair; concurrent callers share one request. */
  refresh(): Promise<AuthSession> {
    if (!this.refreshing) {
      this.refreshing = this.lock('peerprep-token-refresh', () => this.refreshNow())
        .finally(() => {
          this.refreshing = null;
        });
    }
    return this.refreshing;
  }

  private async refreshNow(): Promise<AuthSession> {
    // Read under the lock: another tab may have rotated the single-use token a moment ago.
    const refreshToken = this.tokens.refreshToken;
    if (!refreshToken) {
      throw this.expire();
    }
    const signOuts = this.signOuts;
    let response: Response;
    try {
      response = await this.fetcher(`${PREFIXES.user}/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    } catch {
      throw ApiError.unreachable();
    }
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw this.expire();
    }
    if (!response.ok) {
      throw await errorFrom(response);
    }
    const session = (await response.json()) as AuthSession;
    if (signOuts !== this.signOuts) {
      // The user signed out while the renewal was on its way: revoke the pair it brought instead of signing back in.
      this.fetcher(`${PREFIXES.user}/auth/logout`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      }).catch(() => undefined);
      throw new SessionExpiredError();
    }
    this.adopt(session);
    return session;
  }

  private expire(): SessionExpiredError {
    this.tokens.clear();
    this.expiryListeners.forEach((l) => l());
    return new SessionExpiredError();
  }

  /** Calls a service and returns its JSON answer (undefined for 204). */
  async request<T>(service: Service, path: string, options: RequestOptions = {}): Promise<T> {
    const auth = options.auth ?? true;
    let response = await this.send(service, path, options, auth ? await this.accessToken() : null);
    if (auth && response.status === 401) {
      this.tokens.dropAccess();
      const session = await this.refresh();
      response = await this.send(service, path, options, session.accessToken);
    }
    if (!response.ok) {
      throw await errorFrom(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    const type = response.headers.get('Content-Type') ?? '';
    return (type.includes('json') ? await response.json() : await response.text()) as T;
  }

  private async send(service: Service, path: string, options: RequestOptions, token: string | null): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    let body = options.body;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    try {
      return await this.fetcher(`${PREFIXES[service]}${path}`, {
        method: options.method ?? 'GET',
        headers,
        body,
        signal: options.signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') {
        throw e;
      }
      throw ApiError.unreachable();
    }
  }

  /** The URL of a service's WebSocket, with a fresh access token in the query (browsers cannot set headers). */
  /**
   * The URL of a WebSocket with the access token in its query (only upgrades accept it there). `renew`
   * asks for a new token first, after the server refused the current one as revoked; a refused refresh
   * rejects with SessionExpiredError, so the socket stops and the user signs in again.
   */
  async socketUrl(service: Service, path: string, query: Record<string, string | undefined> = {}, renew = false): Promise<string> {
    const token = renew ? (await this.refresh()).accessToken : await this.accessToken();
    const params = new URLSearchParams({ access_token: token });
    Object.entries(query).forEach(([k, v]) => {
      if (v !== undefined) {
        params.set(k, v);
      }
    });
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${window.location.host}${PREFIXES[service]}${path}?${params.toString()}`;
  }
}
