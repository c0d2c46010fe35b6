import { Compartment, EditorState, Extension, Transaction } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { indentWithTab } from '@codemirror/commands';
import { basicSetup } from 'codemirror';
import { collab, sendableUpdates } from '@codemirror/collab';
import type { ApiClient } from '../api/client';
import type { Language } from '../api/types';
import { HEARTBEAT, ReconnectingSocket, SocketStatus } from '../realtime/ReconnectingSocket';
import { Store } from '../lib/store';
import { randomId } from '../lib/ids';
import { CollabProtocol, LocalNotice } from './protocol';
import {
  CollabClientFrame, CollabErrorCode, CollabServerFrame, Presence, SessionEnd, SessionParticipant, Welcome, decodeCollabFrame,
} from './frames';
import type { Person } from '../realtime/decode';
import { applyLanguage, languageSupport } from './languages';
import { editorTheme } from './editorTheme';
import { clearRemoteCursor, remoteCursors, setRemoteCursor } from './remoteCursors';

export interface CollabView {
  status: SocketStatus;
  /** The editor holds the server's text (at least once since the page opened). */
  synced: boolean;
  me: { id: string; username: string } | null;
  participants: SessionParticipant[];
  language: Language;
  ended: SessionEnd | null;
  /** Local edits the server has not confirmed yet. */
  unsent: boolean;
  notice: { code: CollabErrorCode | LocalNotice; message: string } | null;
  /** Why the socket stopped for good, if it did. */
  stopped: 'ended' | 'gone' | 'signed-out' | null;
}

const FINAL_CODES = [4404, 4409];

export interface CollabSessionOptions {
  sessionId: string;
  client: ApiClient;
  parent: HTMLElement;
  language: Language;
  dark: boolean;
}

/**
 * One shared editor: the CodeMirror view, the socket to the collaboration service and the protocol
 * between them. The room page reads its state through `store`.
 */
export class CollabSession {
  readonly store: Store<CollabView>;
  private readonly view: EditorView;
  private readonly socket: ReconnectingSocket<CollabServerFrame, CollabClientFrame>;
  private readonly protocol: CollabProtocol;
  private readonly language = new Compartment();
  private readonly theme = new Compartment();
  private readonly editable = new Compartment();
  private readonly clientID = randomId();
  private limits = { maxChangeChars: Infinity, maxDocChars: Infinity };
  private readonly onOnline = () => this.socket.reconnectNow();
  private readonly names = new Map<string, string>();
  private readonly frameListeners = new Set<(frame: CollabServerFrame) => void>();

  constructor(options: CollabSessionOptions) {
    this.store = new Store<CollabView>({
      status: 'connecting', synced: false, me: null, participants: [], language: options.language, ended: null,
      unsent: false, notice: null, stopped: null,
    });
    this.view = new EditorView({ parent: options.parent, state: this.createState('', 0, options.language, options.dark) });
    this.socket = new ReconnectingSocket({
      url: (renew) => options.client.socketUrl('collaboration', `/sessions/${encodeURIComponent(options.sessionId)}/ws`, {}, renew),
      onOpen: () => this.protocol.connected(),
      decode: decodeCollabFrame,
      onMessage: (frame) => {
        this.protocol.handle(frame);
        this.frameListeners.forEach((listen) => listen(frame));
      },
      onStatus: (status) => this.statusChanged(status),
      isFinal: (code) => FINAL_CODES.includes(code),
      onStopped: (code) => this.stopped(code),
      ping: HEARTBEAT,
    });
    this.protocol = new CollabProtocol({
      getState: () => this.view.state,
      dispatch: (tr) => this.view.dispatch(tr as Transaction),
      reset: (doc, version) => this.reset(doc, version),
    }, (frame) => this.socket.send(frame), {
      welcome: (w) => this.welcomed(w),
      presence: (user, presence) => this.presenceChanged(user, presence),
      cursor: (user, selection) => this.cursorReceived(user, selection),
      language: (language) => this.languageChanged(language),
      ended: (end) => this.endedBy(end),
      notice: (code, message) => this.patch({ notice: { code, message } }),
    });
    window.addEventListener('online', this.onOnline);
    this.applyLanguage(options.language);
    this.socket.start();
  }

  /** The editor's text now (with edits the server has not confirmed yet). */
  text(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the whole text as one edit of this user (sent like typing). */
  replaceText(text: string): void {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text }, userEvent: 'input.replace' });
  }

  setLanguage(language: Language): void {
    if (!this.protocol.setLanguage(language)) {
      this.patch({ notice: { code: 'offline', message: 'The language can be changed once the connection is back.' } });
    }
  }

  /** The name the partner's caret is labelled with (their display name), instead of their username. */
  setDisplayName(userId: string, name: string): void {
    this.names.set(userId, name);
  }

  end(): boolean {
    return this.protocol.end();
  }

  setDark(dark: boolean): void {
    this.view.dispatch({ effects: this.theme.reconfigure(editorTheme(dark)) });
  }

  /** Every frame of the session's socket, for features beside the editor (runs); returns the unsubscribe. */
  onFrame(listener: (frame: CollabServerFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  get editor(): EditorView {
    return this.view;
  }

  dismissNotice(): void {
    this.patch({ notice: null });
  }

  destroy(): void {
    window.removeEventListener('online', this.onOnline);
    this.protocol.disconnected();
    this.socket.stop();
    this.view.destroy();
  }

  private createState(doc: string, version: number, language: Language, dark: boolean): EditorState {
    const extensions: Extension[] = [
      // Tab indents; Escape then Tab leaves the editor (CodeMirror's own escape hatch)
      keymap.of([indentWithTab]),
      basicSetup,
      this.language.of(languageSupport(language)),
      this.theme.of(editorTheme(dark)),
      this.editable.of(this.editability()),
      collab({ startVersion: version, clientID: this.clientID }),
      remoteCursors,
      EditorState.transactionFilter.of((tr) => this.withinLimits(tr)),
      EditorView.contentAttributes.of({ 'aria-label': 'Shared code editor' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) {
          this.protocol.localChange();
        }
        if (update.docChanged || update.selectionSet) {
          const { anchor, head } = update.state.selection.main;
          this.protocol.cursorMoved({ anchor, head });
        }
        this.refreshUnsent();
      }),
    ];
    return EditorState.create({ doc, extensions });
  }

  private editability(): Extension {
    const current = this.store?.get();
    const writable = current ? current.synced && !current.ended : false;
    return [EditorView.editable.of(writable), EditorState.readOnly.of(!writable)];
  }

  /** Refuses a paste the server would refuse anyway, and says why, instead of losing it later. */
  private withinLimits(tr: Transaction): Transaction | readonly [] {
    if (!tr.docChanged || tr.annotation(Transaction.userEvent) === undefined) {
      return tr;
    }
    let inserted = 0;
    tr.changes.iterChanges((_fa, _ta, _fb, _tb, text) => {
      inserted += text.length;
    });
    if (inserted > this.limits.maxChangeChars) {
      queueMicrotask(() => this.patch({ notice: { code: 'change-too-large', message: `One change can insert at most ${this.limits.maxChangeChars} characters; paste it in smaller parts.` } }));
      return [];
    }
    if (tr.newDoc.length > this.limits.maxDocChars) {
      queueMicrotask(() => this.patch({ notice: { code: 'doc-too-large', message: `The shared document can hold at most ${this.limits.maxDocChars} characters.` } }));
      return [];
    }
    return tr;
  }

  private reset(doc: string, version: number): void {
    const current = this.store.get();
    const selection = this.view.state.selection.main;
    this.view.setState(this.createState(doc, version, current.language, this.isDark()));
    this.applyLanguage(current.language);
    const head = Math.min(selection.head, doc.length);
    this.view.dispatch({ selection: { anchor: head } });
    this.patch({ synced: true });
  }

  private isDark(): boolean {
    return document.documentElement.dataset.theme === 'dark';
  }

  private welcomed(w: Welcome): void {
    if (w.limits) {
      this.limits = { maxChangeChars: w.limits.maxChangeChars, maxDocChars: w.limits.maxDocChars };
    }
    const languageChanged = w.language && w.language !== this.store.get().language;
    this.patch({
      me: w.you,
      participants: w.participants,
      language: w.language ?? this.store.get().language,
      synced: w.mode !== 'snapshot' && this.store.get().synced,
    });
    if (languageChanged) {
      this.applyLanguage(w.language);
    }
  }

  private presenceChanged(user: Person, presence: Presence): void {
    const participants = this.store.get().participants.map((p) => (p.id === user.id ? { ...p, presence } : p));
    this.patch({ participants });
    if (presence !== 'online') {
      this.view.dispatch({ effects: clearRemoteCursor.of(user.id) });
    }
  }

  private cursorReceived(user: Person, selection: { anchor: number; head: number }): void {
    if (!selection || user.id === this.store.get().me?.id) {
      return;
    }
    this.view.dispatch({ effects: setRemoteCursor.of({ userId: user.id, name: this.names.get(user.id) ?? user.username, anchor: selection.anchor, head: selection.head }) });
  }

  private languageChanged(language: Language): void {
    this.patch({ language });
    this.applyLanguage(language);
  }

  private applyLanguage(language: Language): void {
    applyLanguage(this.view, this.language, language, () => this.store.get().language);
  }

  private endedBy(end: SessionEnd): void {
    this.patch({ ended: end, stopped: 'ended' });
  }

  private statusChanged(status: SocketStatus): void {
    if (status !== 'open') {
      this.protocol.disconnected();
    }
    this.patch({ status });
  }

  private stopped(code: number): void {
    if (code === 4409) {
      this.patch({ stopped: 'ended', ended: this.store.get().ended ?? { reason: 'ended', endedAt: new Date().toISOString(), by: null } });
    } else if (code === 0) {
      this.patch({ stopped: 'signed-out' });
    } else {
      this.patch({ stopped: 'gone' });
    }
  }

  private refreshUnsent(): void {
    const unsent = sendableUpdates(this.view.state).length > 0;
    if (unsent !== this.store.get().unsent) {
      this.patch({ unsent });
    }
  }

  private patch(changes: Partial<CollabView>): void {
    const before = this.store.get();
    this.store.set({ ...before, ...changes });
    const after = this.store.get();
    if (before.synced !== after.synced || before.ended !== after.ended) {
      this.view.dispatch({ effects: this.editable.reconfigure(this.editability()) });
    }
  }
}
