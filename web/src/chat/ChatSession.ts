import type { ApiClient } from '../api/client';
import { HEARTBEAT, ReconnectingSocket, SocketLike, SocketStatus } from '../realtime/ReconnectingSocket';
import { Store } from '../lib/store';
import { randomId } from '../lib/ids';
import { ChatAction, ChatState, chatReducer, initialChat } from './chatState';
import { ChatClientFrame, ChatServerFrame, decodeChatFrame } from './frames';

/** Error codes that mean 'not now': the server spells them with hyphens, older servers with underscores. */

export interface ChatView extends ChatState {
  status: SocketStatus;
}

/** The least time between two typing frames: enough for the partner's indicator to stay lit. */
export const TYPING_EVERY_MS = 2500;

/**
 * The chat of one session: a socket that resumes after the last message it saw (`?after=`), my messages
 * queued while offline and sent once it is back, and the partner's typing indicator.
 */
export class ChatSession {
  readonly store = new Store<ChatView>({ ...initialChat, status: 'connecting' });
  private readonly socket: ReconnectingSocket<ChatServerFrame, ChatClientFrame>;
  private lastTyping = 0;
  private readonly retries = new Set<ReturnType<typeof setTimeout>>();
  private readonly ticker: ReturnType<typeof setInterval>;
  private readonly onOnline = () => this.socket.reconnectNow();

  constructor(sessionId: string, client: Pick<ApiClient, 'socketUrl'>, createSocket?: (url: string) => SocketLike) {
    this.socket = new ReconnectingSocket({
      create: createSocket,
      url: (renew) => client.socketUrl('chat', `/sessions/${encodeURIComponent(sessionId)}/ws`, { after: this.store.get().lastId ?? undefined }, renew),
      onOpen: () => this.flush(),
      decode: decodeChatFrame,
      onMessage: (frame) => this.received(frame),
      onStatus: (status) => {
        if (status !== 'open' && this.store.get().status === 'open') {
          this.dispatch({ type: 'disconnected' });
        }
        this.store.set((s) => ({ ...s, status }));
      },
      ping: HEARTBEAT,
    });
    this.ticker = setInterval(() => this.dispatch({ type: 'tick', now: Date.now() }), 1000);
    window.addEventListener('online', this.onOnline);
    this.socket.start();
  }

  send(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) {
      return;
    }
    this.dispatch({ type: 'queue', clientMsgId: randomId(), text: trimmed });
    this.flush();
  }

  retry(clientMsgId: string): void {
    this.dispatch({ type: 'retry', clientMsgId });
    this.flush();
  }

  discard(clientMsgId: string): void {
    this.dispatch({ type: 'discard', clientMsgId });
  }

  /** Called on each keystroke in the message box; the partner hears of it at most every few seconds. */
  typing(): void {
    const now = Date.now();
    if (now - this.lastTyping >= TYPING_EVERY_MS && this.socket.send({ type: 'typing' })) {
      this.lastTyping = now;
    }
  }

  destroy(): void {
    clearInterval(this.ticker);
    this.retries.forEach((t) => clearTimeout(t));
    window.removeEventListener('online', this.onOnline);
    this.socket.stop();
  }

  private received(frame: ChatServerFrame): void {
    this.dispatch({ type: 'frame', frame, now: Date.now() });
    if (frame.type === 'error' && frame.clientMsgId !== null && (frame.code === 'rate-limited' || frame.code === 'not-saved')) {
      // refused for now, not for good: send it again when the server says it will take it
      const id = frame.clientMsgId;
      this.retries.add(setTimeout(() => this.retry(id), frame.retryAfterMs ?? 1000));
    }
  }

  /** Sends every queued message, in order, while the socket takes them. */
  private flush(): void {
    for (const p of this.store.get().pending) {
      if (p.status !== 'queued') {
        continue;
      }
      if (!this.socket.send({ type: 'message', text: p.text, clientMsgId: p.clientMsgId })) {
        return;
      }
      this.dispatch({ type: 'sent', clientMsgId: p.clientMsgId });
    }
  }

  private dispatch(action: ChatAction): void {
    this.store.set((s) => {
      const next = chatReducer(s, action);
      return next === s ? s : { ...next, status: s.status };
    });
  }
}
