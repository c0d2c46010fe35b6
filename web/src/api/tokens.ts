/** Where the refresh token is kept between visits; the access token never leaves memory. */
export const REFRESH_KEY = 'peerprep.refreshToken';

/** Tokens are renewed this long before they expire, so a request never leaves with a stale one. */
export const EXPIRY_MARGIN_MS = 30_000;

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The `exp` claim of a JWT in epoch milliseconds, or null when the token cannot be read. */
export function jwtExpiry(token: string): number | null {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * The access token (memory only, so a script injected into the page later cannot find it in storage)
 * and the refresh token (localStorage, so a reload or a new tab stays signed in).
 */
export class TokenStore {
  private access: string | null = null;
  private expiresAt = 0;

  constructor(private readonly storage: KeyValueStore, private readonly now: () => number = Date.now) {}

  get accessToken(): string | null {
    return this.access;
  }

  get refreshToken(): string | null {
    return this.storage.getItem(REFRESH_KEY);
  }

  /** Stores a new pair; the expiry comes from the response, or from the token itself. */
  save(accessToken: string, refreshToken: string, expiresInSeconds?: number): void {
    this.access = accessToken;
    const fromToken = jwtExpiry(accessToken);
    this.expiresAt = expiresInSeconds !== undefined
      ? this.now() + expiresInSeconds * 1000
      : fromToken ?? this.now();
    this.storage.setItem(REFRESH_KEY, refreshToken);
  }

  /** True when there is an access token that stays valid past the safety margin. */
  hasFreshAccess(): boolean {
    return this.access !== null && this.now() < this.expiresAt - EXPIRY_MARGIN_MS;
  }

  /** Forgets the access token only, e.g. after the server refused it. */
  dropAccess(): void {
    this.access = null;
    this.expiresAt = 0;
  }

  clear(): void {
    this.dropAccess();
    this.storage.removeItem(REFRESH_KEY);
  }
}
