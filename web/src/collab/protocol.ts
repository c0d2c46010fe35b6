import { ChangeSet, EditorState, Transaction, TransactionSpec } from '@codemirror/state';
import { getSyncedVersion, receiveUpdates, sendableUpdates } from '@codemirror/collab';
import type { ChangeSetJson, Language } from '../api/types';
import { Person, exhaustive } from '../realtime/decode';
import {
  CollabClientFrame, CollabErrorCode, CollabServerFrame, LoggedUpdate, Presence, RemoteSelection, SessionEnd, Welcome, WireUpdate,
} from './frames';

export type { Presence, RemoteSelection, SessionEnd, SessionParticipant, Welcome } from './frames';

/** The editor the protocol drives: CodeMirror's view in the app, a bare EditorState in tests. */
export interface CollabHost {
  getState(): EditorState;
  dispatch(tr: Transaction | TransactionSpec): void;
  /** Replaces the document with the server's text at `version` (a snapshot). */
  reset(doc: string, version: number): void;
}

export interface CollabEvents {
  welcome(w: Welcome): void;
  presence(user: Person, presence: Presence): void;
  cursor(user: Person, selection: RemoteSelection): void;
  language(language: Language, by: Person | null): void;
  ended(end: SessionEnd): void;
  /** Something the user should know; `code` is the server's error code or one of the protocol's own. */
  notice(code: CollabErrorCode | LocalNotice, message: string): void;
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
    private readonly send: (frame: CollabClientFrame) => boolean,
    private readonly events: CollabEvents,
    private readonly now: () => number = Date.now,
  ) {}

  /** The socket (re)opened: greet with the version we have, or without one for a fresh editor. */
  connected(): void {
    this.ready = false;
    this.pushing = false;
    clearTimeout(this.conflictTimer);
    this.send(this.greeted ? { type: 'hello', version: getSyncedVersion(this.host.getState()) } : { type: 'hello' });
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

  handle(frame: CollabServerFrame): void {
    switch (frame.type) {
      case 'welcome': return this.onWelcome(frame);
      case 'snapshot': return this.onSnapshot(frame.version, frame.doc);
      case 'updates': return this.onUpdates(frame.version, frame.updates);
      case 'accepted': return this.onAccepted(frame.version);
      case 'conflict': return this.onConflict(frame.version);
      case 'cursor': return this.events.cursor(frame.user, frame.selection);
      case 'language': return this.events.language(frame.language, frame.by);
      case 'presence': return this.onPresence(frame.status, frame.user);
      case 'ended': return this.onEnded({ reason: frame.reason, endedAt: frame.endedAt, by: frame.by });
      case 'error': return this.onError(frame.code, frame.message);
      case 'pong':
      case 'run-started':
      case 'run-finished':
      case 'run-failed':
        return undefined; // the heartbeat's answer; runs are the run panel's
      default:
        return exhaustive(frame);
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

  private onUpdates(from: number, wire: LoggedUpdate[]): void {
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

  private onPresence(status: 'joined' | 'reconnecting' | 'left', user: Person): void {
    const presence: Presence = status === 'joined' ? 'online' : status;
    this.events.presence(user, presence);
  }

  private onEnded(end: SessionEnd): void {
    this.ended = true;
    this.ready = false;
    clearTimeout(this.pushTimer);
    this.events.ended(end);
  }

  private onError(code: CollabErrorCode, message: string): void {
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
      const changes = u.changes.toJSON() as ChangeSetJson;
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


/** Notices the app raises itself, beside the server's error codes. */
export type LocalNotice = 'edits-dropped' | 'offline';
