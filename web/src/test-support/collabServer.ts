import { ChangeSet, EditorState, Text, Transaction, TransactionSpec } from '@codemirror/state';
import { collab } from '@codemirror/collab';
import { CollabEvents, CollabHost, CollabProtocol } from '../collab/protocol';
import { CollabClientFrame, CollabServerFrame, decodeCollabFrame } from '../collab/frames';

/** A bare editor state standing in for CodeMirror's view. */
export class StateHost implements CollabHost {
  state: EditorState;
  resets = 0;

  constructor(doc = '', version = 0) {
    this.state = StateHost.create(doc, version);
  }

  static create(doc: string, version: number): EditorState {
    return EditorState.create({ doc, extensions: [collab({ startVersion: version })] });
  }

  getState(): EditorState {
    return this.state;
  }

  dispatch(tr: Transaction | TransactionSpec): void {
    this.state = tr instanceof Transaction ? tr.state : this.state.update(tr).state;
  }

  reset(doc: string, version: number): void {
    this.resets += 1;
    this.state = StateHost.create(doc, version);
  }

  insert(at: number, text: string): void {
    this.dispatch({ changes: { from: at, insert: text } });
  }

  get text(): string {
    return this.state.doc.toString();
  }
}

interface Peer {
  name: string;
  synced: boolean;
  inbox: object[];
  online: boolean;
}

/**
 * The collaboration service's protocol in memory: one ordered log, pushes accepted only on the current
 * version, every accepted change sent to every synced peer. Frames travel through queues that the test
 * drains with `flush`, so interleavings are explicit.
 */
export class FakeCollabServer {
  doc = Text.empty;
  log: { clientID: string; changes: unknown[]; user: string }[] = [];
  received: { from: string; frame: CollabClientFrame }[] = [];
  private peers = new Map<string, Peer>();
  private toServer: { from: string; frame: CollabClientFrame }[] = [];

  connect(name: string): (frame: CollabClientFrame) => boolean {
    this.peers.set(name, { name, synced: false, inbox: [], online: true });
    return (frame) => {
      const peer = this.peers.get(name);
      if (!peer?.online) {
        return false;
      }
      this.toServer.push({ from: name, frame });
      return true;
    };
  }

  reconnect(name: string): void {
    const peer = this.peers.get(name);
    if (peer) {
      peer.online = true;
    }
  }

  drop(name: string): void {
    const peer = this.peers.get(name);
    if (peer) {
      peer.online = false;
      peer.synced = false;
      peer.inbox = [];
    }
    this.toServer = this.toServer.filter((m) => m.from !== name);
  }

  /** Delivers every queued frame both ways until nothing moves. */
  flush(clients: Record<string, CollabProtocol>): void {
    for (let guard = 0; guard < 10_000; guard++) {
      const next = this.toServer.shift();
      if (next) {
        this.received.push(next);
        this.handle(next.from, next.frame);
        continue;
      }
      const peer = [...this.peers.values()].find((p) => p.online && p.inbox.length > 0);
      if (!peer) {
        return;
      }
      // through the app's decoder, as the socket delivers them: a frame it refuses fails the test
      clients[peer.name].handle(serverFrame(peer.inbox.shift() as object));
    }
    throw new Error('the exchange did not settle');
  }

  private handle(from: string, frame: CollabClientFrame): void {
    const peer = this.peers.get(from) as Peer;
    const version = this.log.length;
    switch (frame.type) {
      case 'hello': {
        const known = frame.version;
        if (known === version) {
          peer.inbox.push(this.welcome(from, 'current', version));
        } else if (known !== undefined && known < version) {
          peer.inbox.push(this.welcome(from, 'catch-up', known));
          peer.inbox.push(this.updatesFrom(known));
        } else {
          peer.inbox.push(this.welcome(from, 'snapshot', version));
          peer.inbox.push({ type: 'snapshot', version, doc: this.doc.toString() });
        }
        peer.synced = true;
        break;
      }
      case 'push': {
        if (frame.version !== version) {
          peer.inbox.push({ type: 'conflict', version });
          break;
        }
        for (const u of frame.updates) {
          this.doc = ChangeSet.fromJSON(u.changes).apply(this.doc);
          this.log.push({ ...u, user: from });
        }
        peer.inbox.push({ type: 'accepted', version: this.log.length });
        const broadcast = this.updatesFrom(version);
        this.peers.forEach((p) => p.synced && p.online && p.inbox.push(broadcast));
        break;
      }
      case 'pull':
        peer.inbox.push(this.updatesFrom(frame.version));
        break;
      default:
    }
  }

  private welcome(to: string, mode: string, version: number): object {
    const participants = [...this.peers.values()].map((p) => ({ id: p.name, username: p.name, presence: p.online ? 'online' : 'left' }));
    return {
      type: 'welcome', mode, version, sessionId: 's1', status: 'active', language: 'python',
      question: { id: 'q1', title: 'Two Sum', difficulty: 'Easy', topics: ['arrays'] },
      you: { id: to, username: to }, participants,
    };
  }

  private updatesFrom(version: number): object {
    return {
      type: 'updates',
      version,
      updates: this.log.slice(version).map((e, i) => ({ v: version + i + 1, t: 0, user: e.user, clientID: e.clientID, changes: e.changes })),
    };
  }
}

export function silentEvents(overrides: Partial<CollabEvents> = {}): CollabEvents {
  return {
    welcome: () => undefined,
    presence: () => undefined,
    cursor: () => undefined,
    language: () => undefined,
    ended: () => undefined,
    notice: () => undefined,
    ...overrides,
  };
}

/** A frame as the server sends it, read through the app's decoder (which must accept it). */
export function serverFrame(raw: object): CollabServerFrame {
  const decoded = decodeCollabFrame(JSON.parse(JSON.stringify(raw)));
  if (!decoded.ok) {
    throw new Error(decoded.reason);
  }
  return decoded.frame;
}

/** A welcome of a session of two, as the server sends it. */
export function welcomeFrame(mode: 'current' | 'catch-up' | 'snapshot', version: number): CollabServerFrame {
  return serverFrame({
    type: 'welcome', mode, version, sessionId: 's1', status: 'active', language: 'python',
    question: { id: 'q1', title: 'Two Sum', difficulty: 'Easy', topics: ['arrays'] },
    you: { id: 'u1', username: 'ada' },
    participants: [{ id: 'u1', username: 'ada', presence: 'online' }, { id: 'u2', username: 'linus', presence: 'online' }],
  });
}

/** An updates frame from `version`, each update numbered as the server's log numbers it. */
export function updatesFrame(version: number, updates: { clientID: string; changes: unknown[] }[]): CollabServerFrame {
  return serverFrame({ type: 'updates', version, updates: updates.map((u, i) => ({ ...u, v: version + i + 1, t: 0, user: 'u2' })) });
}
