import { SessionExpiredError } from '../api/problem';
import type { Decoded } from './decode';

export type SocketStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The part of the browser's WebSocket this class uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
}

const OPEN = 1;

/** The close code of a socket whose access token was revoked (docs/security.md). */
export const REVOKED = 4401;

export interface ReconnectingSocketOptions<In> {
  /**
   * Builds the URL for each attempt, so every handshake carries a fresh access token. `renew` is true
   * after the server closed with 4401 (the token was revoked): the token must be renewed, not reused.
   */
  url: (renew: boolean) => Promise<string>;
  create?: (url: string) => SocketLike;
  /** The socket is open: say hello, resend what is pending. */
  onOpen: () => void;
  /** Reads an incoming frame (parsed JSON) into the service's union of frames, or says why it cannot. */
  decode: (raw: unknown) => Decoded<In>;
  onMessage: (frame: In) => void;
  /** Told of a frame that is not JSON or not one the service's protocol has; the frame is skipped. */
  onInvalid?: (reason: string) => void;
  onStatus?: (status: SocketStatus, failures: number) => void;
  /** Close codes after which reconnecting is pointless (the session ended, the request was replaced). */
  isFinal?: (code: number) => boolean;
  /** Told once the socket stops for good: a final close code, or 0 when the user must sign in again. */
  onStopped?: (code: number, reason: string) => void;
  /** An application-level ping; a connection silent past `timeoutMs` after it is presumed dead. */
  ping?: { frame: string; intervalMs: number; timeoutMs: number };
  /** Delays before the 1st, 2nd… reconnect attempt; the last one repeats. */
  backoffMs?: number[];
}

const DEFAULT_BACKOFF = [300, 1000, 2000, 4000, 8000];

/**
 * The heartbeat every real-time socket of the app uses: a `{"type":"ping"}` frame every 15 s, answered
 * by a pong (docs/service-contracts.md). Any frame counts as an answer; a server silent for 10 s after a
 * ping is presumed gone and the socket reconnects, so a dead server is noticed within 25 s.
 */
export const HEARTBEAT = { frame: '{"type":"ping"}', intervalMs: 15_000, timeoutMs: 10_000 } as const;

/**
 * A WebSocket that comes back by itself: after an unexpected close it waits (growing delays, a little
 * jitter) and connects again with a fresh token, until it is stopped or closed with a final code.
 */
export class ReconnectingSocket<In, Out extends object = object> {
  private socket: SocketLike | null = null;
  private state: SocketStatus = 'closed';
  private failures = 0;
  private renewToken = false;
  private stopped = true;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private deadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly backoff: number[];

  constructor(private readonly options: ReconnectingSocketOptions<In>) {
    this.backoff = options.backoffMs ?? DEFAULT_BACKOFF;
  }

  get status(): SocketStatus {
    return this.state;
  }

  start(): void {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    this.failures = 0;
    this.connect(true);
  }

  /** Sends a frame when the socket is open; false when it is not (the caller keeps it for later). */
  send(frame: Out): boolean {
    if (this.socket && this.socket.readyState === OPEN && this.state === 'open') {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  /** Drops the current connection and connects again at once (e.g. the browser came back online). */
  reconnectNow(): void {
    if (this.stopped) {
      return;
    }
    clearTimeout(this.retryTimer);
    if (this.socket) {
      this.detach(this.socket, 4000, 'reconnecting');
    }
    this.failures = 0;
    this.connect(false);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.socket) {
      this.detach(this.socket, 1000, 'done');
    }
    this.setStatus('closed');
  }

  private connect(initial: boolean): void {
    this.setStatus(initial ? 'connecting' : 'reconnecting');
    const renew = this.renewToken;
    this.renewToken = false;
    this.options.url(renew).then((url) => {
      if (this.stopped) {
        return;
      }
      const socket = (this.options.create ?? ((u: string) => new WebSocket(u)))(url);
      this.socket = socket;
      socket.onopen = () => this.opened(socket);
      socket.onmessage = (ev) => this.received(socket, ev);
      socket.onclose = (ev) => this.closed(socket, ev.code, ev.reason);
      socket.onerror = () => undefined;
    }, (error: unknown) => {
      if (error instanceof SessionExpiredError) {
        this.giveUp(0, 'signed out');
      } else {
        this.scheduleRetry();
      }
    });
  }

  private opened(socket: SocketLike): void {
    if (socket !== this.socket) {
      return;
    }
    this.failures = 0;
    this.setStatus('open');
    this.startPing(socket);
    this.options.onOpen();
  }

  private received(socket: SocketLike, ev: MessageEvent): void {
    if (socket !== this.socket) {
      return;
    }
    clearTimeout(this.deadTimer);
    let raw: unknown;
    try {
      raw = JSON.parse(String(ev.data));
    } catch {
      this.invalid('a frame that is not JSON');
      return;
    }
    const decoded = this.options.decode(raw);
    if (decoded.ok) {
      this.options.onMessage(decoded.frame);
    } else {
      this.invalid(decoded.reason);
    }
  }

  private invalid(reason: string): void {
    if (this.options.onInvalid) {
      this.options.onInvalid(reason);
    } else {
      console.warn(`Skipped a WebSocket frame: ${reason}`);
    }
  }

  private closed(socket: SocketLike, code: number, reason: string): void {
    if (socket !== this.socket) {
      return;
    }
    this.stopPing();
    this.socket = null;
    if (this.stopped) {
      return;
    }
    if (this.options.isFinal?.(code)) {
      this.giveUp(code, reason);
      return;
    }
    this.renewToken = code === REVOKED;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped) {
      return;
    }
    const base = this.backoff[Math.min(this.failures, this.backoff.length - 1)];
    this.failures += 1;
    this.setStatus('reconnecting');
    const delay = base + Math.floor(Math.random() * base * 0.2);
    this.retryTimer = setTimeout(() => this.connect(false), delay);
  }

  private giveUp(code: number, reason: string): void {
    this.stopped = true;
    this.setStatus('closed');
    this.options.onStopped?.(code, reason);
  }

  private startPing(socket: SocketLike): void {
    const ping = this.options.ping;
    if (!ping) {
      return;
    }
    this.pingTimer = setInterval(() => {
      if (socket.readyState !== OPEN) {
        return;
      }
      socket.send(ping.frame);
      clearTimeout(this.deadTimer);
      this.deadTimer = setTimeout(() => {
        if (socket === this.socket) {
          this.detach(socket, 4000, 'no answer to ping');
          this.scheduleRetry();
        }
      }, ping.timeoutMs);
    }, ping.intervalMs);
  }

  private stopPing(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.deadTimer);
  }

  /** Closes a socket and ignores anything it does afterwards. */
  private detach(socket: SocketLike, code: number, reason: string): void {
    this.stopPing();
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    if (this.socket === socket) {
      this.socket = null;
    }
    try {
      socket.close(code, reason);
    } catch {
      // closing a socket that never opened can throw in some browsers; it is gone either way
    }
  }

  private setStatus(status: SocketStatus): void {
    if (status !== this.state || status === 'reconnecting') {
      this.state = status;
      this.options.onStatus?.(status, this.failures);
    }
  }
}
