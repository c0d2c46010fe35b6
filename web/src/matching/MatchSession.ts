import type { ApiClient } from '../api/client';
import type { Difficulty, Language } from '../api/types';
import { HEARTBEAT, ReconnectingSocket, SocketLike } from '../realtime/ReconnectingSocket';
import { Store } from '../lib/store';
import { MatchAction, MatchState, initialMatch, isWaiting, matchReducer } from './matchState';
import { MatchClientFrame, MatchServerFrame, decodeMatchFrame } from './frames';

const SUPERSEDED = 4001;
/** Reconnect attempts tolerated before telling the user the request may be lost. */
const PATIENCE = 4;

export interface MatchView extends MatchState {
  reconnecting: boolean;
}

/**
 * The matching WebSocket of the dashboard: opened when the user asks for a partner (or to follow a
 * request already waiting), closed once the request is over.
 */
export class MatchSession {
  readonly store = new Store<MatchView>({ ...initialMatch, reconnecting: false });
  private socket: ReconnectingSocket<MatchServerFrame, MatchClientFrame> | null = null;
  private pendingRequest: MatchClientFrame | null = null;

  /** `create` opens the socket; tests hand in a fake. */
  constructor(private readonly client: ApiClient, private readonly create?: (url: string) => SocketLike) {}

  /** Asks for a partner; `rematchOf` names the session the user leaves, whose place in the queue they keep. */
  request(topic: string, difficulty: Difficulty, language: Language | null, rematchOf?: string): void {
    this.dispatch({ type: 'request', topic, difficulty });
    this.pendingRequest = { type: 'request', topic, difficulty, ...(language ? { language } : {}), ...(rematchOf ? { rematchOf } : {}) };
    this.open();
    this.flush();
  }

  /** Re-attaches to a request made earlier (another visit of the dashboard, a reload). */
  follow(): void {
    this.dispatch({ type: 'follow' });
    this.open();
  }

  cancel(): void {
    if (!this.socket?.send({ type: 'cancel' })) {
      this.client.request('matching', '/match/requests/me', { method: 'DELETE' })
        .then(() => this.dispatch({ type: 'frame', frame: { type: 'cancelled', requestId: this.store.get().requestId ?? 'local' } }))
        .catch(() => this.dispatch({ type: 'reset' }));
    }
  }

  reset(): void {
    this.close();
    this.dispatch({ type: 'reset' });
  }

  destroy(): void {
    if (isWaiting(this.store.get().phase)) {
      this.socket?.send({ type: 'cancel' });
    }
    this.close();
  }

  private open(): void {
    if (this.socket) {
      return;
    }
    this.socket = new ReconnectingSocket({
      url: (renew) => this.client.socketUrl('matching', '/match/ws', {}, renew),
      create: this.create,
      onOpen: () => this.flush(),
      decode: decodeMatchFrame,
      onMessage: (frame) => this.dispatch({ type: 'frame', frame }),
      onStatus: (status, failures) => {
        this.store.set((s) => ({ ...s, reconnecting: status === 'reconnecting' }));
        if (status === 'reconnecting' && failures >= PATIENCE) {
          this.dispatch({ type: 'lost', detail: 'The matching service cannot be reached. Check your connection and try again.' });
          this.close();
        }
      },
      isFinal: (code) => code === SUPERSEDED,
      ping: HEARTBEAT,
      onStopped: (code) => {
        if (code === SUPERSEDED) {
          this.dispatch({ type: 'frame', frame: { type: 'superseded', requestId: this.store.get().requestId ?? '', detail: 'You asked for a match in another tab or window; it continues there.' } });
        }
        this.socket = null;
      },
    });
    this.socket.start();
  }

  private flush(): void {
    if (this.pendingRequest && this.socket?.send(this.pendingRequest)) {
      this.pendingRequest = null;
    }
  }

  private close(): void {
    this.pendingRequest = null;
    this.socket?.stop();
    this.socket = null;
  }

  private dispatch(action: MatchAction): void {
    this.store.set((s) => {
      const next = matchReducer(s, action);
      if (next === s) {
        return s;
      }
      const view = { ...next, reconnecting: s.reconnecting };
      if (next.phase !== s.phase && !isWaiting(next.phase) && next.phase !== 'idle') {
        queueMicrotask(() => this.close());
      }
      return view;
    });
  }
}
