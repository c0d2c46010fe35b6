import { ChangeSet, EditorState, Transaction, TransactionSpec } from '@codemirror/state';
import { getSyncedVersion, receiveUpdates, sendableUpdates } from '@codemirror/collab';
import type { Language, Participant, QuestionRef } from '../api/types';

/** The editor the protocol drives: CodeMirror's view in the app, a bare EditorState in tests. */
export interface CollabHost {
  getState(): EditorState;
  dispatch(tr: Transaction | TransactionSpec): void;
  /** Replaces the document with the server's text at `version` (a snapshot). */
  reset(doc: string, version: number): void;
}

export type Presence = 'online' | 'reconnecting' | 'left' | 'offline';

export interface SessionParticipant {
  id: string;
  username: string;
  presence: Presence;
}

export interface Welcome {
  sessionId: string;
  status: 'active' | 'ended';
  language: Language;
  question: QuestionRef;
  you: { id: string; username: string };
  participants: SessionParticipant[];
  mode: 'current' | 'catch-up' | 'snapshot';
  version: number;
  limits?: { maxDocChars: number; maxChangeChars: number; maxMsgsPerSec: number; maxFrameBytes: number };
}

export interface RemoteSelection {
  anchor: number;
  head: number;
}

export interface SessionEnd {
  reason: string;
  endedAt: string;
  by: Participant | null;
}

export interface CollabEvents {
  welcome(w: Welcome): void;
  presence(user: { id: string; username: string }, presence: Presence): void;
  cursor(user: { id: string; username: string }, selection: RemoteSelection): void;
  language(language: Language, by: Participant | null): void;
  ended(end: SessionEnd): void;
  /** Something the user should know; `code` is the server's error code or one of the protocol's own. */
  notice(code: string, message: string): void;
}

/** Pushes are spaced so that typing, cursors and pings stay under the server's per-second budget. */
export const PUSH_INTERVAL_MS = 50;
export const CURSOR_INTERVAL_MS = 200;
const MAX_UPDATES_PER_PUSH = 100;
const MAX_PUSH_CHARS = 96 * 1024;
const RETRY_MS = 1000;
const CONFLICT_PATIENCE_MS = 1500;

/**
 * The client side of the collaboration service's protocol (docs/collab.md): hello and its welcome,
 * snapshots, catch-up, pushes one at a time with their accepted/conflict answers, and the updates
 * every participant receives, the sender included. The server's log is the authority; local edits stay
 * in the collab plugin's unconfirmed list until they come back in an `updates` frame.
 */
export class CollabProtocol {
  private ready = false;
  private pushing = false;
  private acceptedVersion = -1;
  private ended = false;
  private greeted = false;
  private lastPush = 0;
  private pushTimer: ReturnType<typeof setTimeout> | undefined;
  private conflictTimer: ReturnType<typeof setTimeout> | undefined;
  private cursorTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingCursor: RemoteSelection | null = null;
  private lastCursorAt = 0;

  constructor(
    private readonly host: CollabHost,
    private readonly send: (frame: object) => boolean,
    private readonly events: CollabEvents,
    private readonly now: () => number = Date.now,
  ) {}

  /** The socket (re)opened: greet with the version we have, or without one for a fresh editor. */
  connected(): void {
    this.ready = false;
    this.pushing = false;
    clearTimeout(this.conflictTimer);
    const frame: { type: string; version?: number } = { type: 'hello' };
    if (this.greeted) {
      frame.version = getSyncedVersion(this.host.getState());
    }
    this.send(frame);
  }

  disconnected(): void {
    this.ready = false;
    this.pushing = false;
    clearTimeout(this.pushTimer);
    clearTimeout(this.conflictTimer);
    clearTimeout(this.cursorTimer);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  handle(frame: Record<string, unknown>): void {
    switch (frame.type) {
      case 'welcome': return this.onWelcome(frame as unknown as Welcome);
      case 'snapshot': return this.onSnapshot(Number(frame.version), String(frame.doc ?? ''));
      case 'updates': return this.onUpdates(Number(frame.version), frame.updates as WireUpdate[]);
      case 'accepted': return this.onAccepted(Number(frame.version));
      case 'conflict': return this.onConflict(Number(frame.version));
      case 'cursor': return this.events.cursor(frame.user as { id: string; username: string }, frame.selection as RemoteSelection);
      case 'language': return this.events.language(frame.language as Language, (frame.by as Participant) ?? null);
      case 'presence': return this.onPresence(String(frame.status), frame.user as { id: string; username: string });
      case 'ended': return this.onEnded(frame as unknown as SessionEnd);
      case 'error': return this.onError(String(frame.code), String(frame.message ?? ''));
      default:
    }
  }

  /** The editor changed locally: send it when nothing else is in flight. */
  localChange(): void {
    this.schedulePush();
  }

  /** The local selection moved; sent at most every CURSOR_INTERVAL_MS, the latest one winning. */
  cursorMoved(selection: RemoteSelection): void {
    this.pendingCursor = selection;
    if (this.cursorTimer !== undefined) {
      return;
    }
    const wait = Math.max(0, this.lastCursorAt + CURSOR_INTERVAL_MS - this.now());
    this.cursorTimer = setTimeout(() => {
      this.cursorTimer = undefined;
      if (this.pendingCursor && this.ready) {
        this.lastCursorAt = this.now();
        this.send({ type: 'cursor', selection: this.pendingCursor });
        this.pendingCursor = null;
      }
    }, wait);
  }

  setLanguage(language: Language): boolean {
    return this.send({ type: 'language', language });
  }

  end(): boolean {
    return this.send({ type: 'end' });
  }

  private onWelcome(w: Welcome): void {
    this.events.welcome(w);
    // after a catch-up welcome the missed updates follow, and the server answers anything we send after
    // them; only a snapshot must be waited for
    if (w.mode !== 'snapshot') {
      this.synced();
    }
  }

  private onSnapshot(version: number, doc: string): void {
    const state = this.host.getState();
    const lost = sendableUpdates(state).length > 0;
    if (!(this.greeted && getSyncedVersion(state) === version && state.doc.toString() === doc)) {
      this.host.reset(doc, version);
      if (lost && this.greeted) {
        this.events.notice('edits-dropped', 'You were away too long for your last edits to be merged; the editor shows the shared text again.');
      }
    }
    this.synced();
  }

  private onUpdates(from: number, wire: WireUpdate[]): void {
    const state = this.host.getState();
    const have = getSyncedVersion(state);
    if (from > have) {
      // a gap: frames were missed, ask for everything since our version
      this.send({ type: 'pull', version: have });
      return;
    }
    const fresh = wire.slice(have - from);
    if (fresh.length > 0) {
      this.host.dispatch(receiveUpdates(state, fresh.map((u) => ({
        changes: ChangeSet.fromJSON(u.changes),
        clientID: u.clientID,
      }))));
    }
    if (!this.ready) {
      return;
    }
    if (this.pushing && this.acceptedVersion >= 0 && getSyncedVersion(this.host.getState()) >= this.acceptedVersion) {
      this.pushing = false;
      this.acceptedVersion = -1;
    }
    this.schedulePush();
  }

  private onAccepted(version: number): void {
    if (getSyncedVersion(this.host.getState()) >= version) {
      this.pushing = false;
      this.acceptedVersion = -1;
      this.schedulePush();
    } else {
      this.acceptedVersion = version;
    }
  }

  private onConflict(version: number): void {
    this.pushing = false;
    this.acceptedVersion = -1;
    clearTimeout(this.conflictTimer);
    if (getSyncedVersion(this.host.getState()) >= version) {
      this.schedulePush();
      return;
    }
    // the updates that beat ours are on their way; pull them only if they do not show up
    this.conflictTimer = setTimeout(() => {
      const have = getSyncedVersion(this.host.getState());
      if (this.ready && have < version) {
        this.send({ type: 'pull', version: have });
      }
    }, CONFLICT_PATIENCE_MS);
  }

  private onPresence(status: string, user: { id: string; username: string }): void {
    const presence: Presence = status === 'joined' ? 'online' : status === 'reconnecting' ? 'reconnecting' : 'left';
    this.events.presence(user, presence);
  }

  private onEnded(end: SessionEnd): void {
    this.ended = true;
    this.ready = false;
    clearTimeout(this.pushTimer);
    this.events.ended(end);
  }

  private onError(code: string, message: string): void {
    switch (code) {
      case 'rate-limited':
      case 'unavailable':
        this.pushing = false;
        this.retryLater();
        break;
      case 'change-too-large':
      case 'doc-too-large':
      case 'invalid-change':
        // our pending edits can never be accepted: start over from the server's text
        this.pushing = false;
        this.ready = false;
        this.send({ type: 'hello' });
        break;
      case 'hello-first':
        this.connected();
        return;
      default:
    }
    this.events.notice(code, message);
  }

  private synced(): void {
    this.greeted = true;
    this.ready = true;
    this.schedulePush();
  }

  private retryLater(): void {
    clearTimeout(this.pushTimer);
    this.pushTimer = setTimeout(() => {
      this.pushTimer = undefined;
      this.push();
    }, RETRY_MS);
  }

  private schedulePush(): void {
    if (this.pushTimer !== undefined) {
      return;
    }
    const wait = this.lastPush + PUSH_INTERVAL_MS - this.now();
    if (wait <= 0) {
      this.push();
      return;
    }
    this.pushTimer = setTimeout(() => {
      this.pushTimer = undefined;
      this.push();
    }, wait);
  }

  private push(): void {
    if (!this.ready || this.pushing || this.ended) {
      return;
    }
    const state = this.host.getState();
    const pending = sendableUpdates(state);
    if (pending.length === 0) {
      return;
    }
    const updates: WireUpdate[] = [];
    let chars = 0;
    for (const u of pending.slice(0, MAX_UPDATES_PER_PUSH)) {
      const changes = u.changes.toJSON() as unknown[];
      chars += JSON.stringify(changes).length;
      if (updates.length > 0 && chars > MAX_PUSH_CHARS) {
        break;
      }
      updates.push({ clientID: u.clientID, changes });
    }
    if (this.send({ type: 'push', version: getSyncedVersion(state), updates })) {
      this.pushing = true;
      this.lastPush = this.now();
    }
  }
}

interface WireUpdate {
  clientID: string;
  changes: unknown[];
}
