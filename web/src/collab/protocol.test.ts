import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSyncedVersion } from '@codemirror/collab';
import { Text } from '@codemirror/state';
import { CURSOR_INTERVAL_MS, CollabProtocol, PUSH_INTERVAL_MS } from './protocol';
import {
  FakeCollabServer, StateHost, serverFrame, silentEvents, updatesFrame, welcomeFrame,
} from '../test-support/collabServer';
import type { CollabClientFrame } from './frames';

function pair(server: FakeCollabServer) {
  const hosts = { ada: new StateHost(), linus: new StateHost() };
  const clients = {
    ada: new CollabProtocol(hosts.ada, server.connect('ada'), silentEvents()),
    linus: new CollabProtocol(hosts.linus, server.connect('linus'), silentEvents()),
  };
  return { hosts, clients };
}

/** Lets queued frames and spaced pushes run until the exchange is quiet. */
function settle(server: FakeCollabServer, clients: Record<string, CollabProtocol>): void {
  for (let i = 0; i < 50; i++) {
    server.flush(clients);
    vi.advanceTimersByTime(PUSH_INTERVAL_MS);
  }
  server.flush(clients);
}

describe('CollabProtocol', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts a fresh editor from the server snapshot', () => {
    const server = new FakeCollabServer();
    server.doc = Text.of(['def solve():', '  pass']);
    server.log = [{ clientID: 'x', changes: [], user: 'x' }, { clientID: 'x', changes: [], user: 'x' }];
    const host = new StateHost();
    const client = new CollabProtocol(host, server.connect('ada'), silentEvents());
    client.connected();
    server.flush({ ada: client });
    expect(host.text).toBe('def solve():\n  pass');
    expect(getSyncedVersion(host.state)).toBe(2);
    expect(server.received[0].frame).toEqual({ type: 'hello' });
  });

  it('converges when both participants type at the same time', () => {
    const server = new FakeCollabServer();
    const { hosts, clients } = pair(server);
    clients.ada.connected();
    clients.linus.connected();
    settle(server, clients);

    hosts.ada.insert(0, 'ada was here');
    clients.ada.localChange();
    hosts.linus.insert(0, 'linus too');
    clients.linus.localChange();
    settle(server, clients);

    for (let i = 0; i < 5; i++) {
      hosts.ada.insert(hosts.ada.text.length, ` a${i}`);
      clients.ada.localChange();
      hosts.linus.insert(0, `l${i} `);
      clients.linus.localChange();
      server.flush(clients);
    }
    settle(server, clients);

    expect(hosts.ada.text).toBe(server.doc.toString());
    expect(hosts.linus.text).toBe(server.doc.toString());
    expect(server.doc.toString()).toContain('ada was here');
    expect(server.doc.toString()).toContain('linus too');
    expect(server.doc.toString()).toContain(' a4');
    expect(server.doc.toString()).toContain('l4 ');
    expect(server.received.some((m) => m.frame.type === 'push')).toBe(true);
  });

  it('keeps one push in flight until its own update comes back', () => {
    const server = new FakeCollabServer();
    const host = new StateHost();
    const client = new CollabProtocol(host, server.connect('ada'), silentEvents());
    client.connected();
    server.flush({ ada: client });
    host.insert(0, 'a');
    client.localChange();
    vi.advanceTimersByTime(PUSH_INTERVAL_MS);
    host.insert(1, 'b');
    client.localChange();
    vi.advanceTimersByTime(PUSH_INTERVAL_MS * 3);
    const pushes = () => server['toServer'].filter((m) => m.frame.type === 'push').length;
    expect(pushes()).toBe(1);
    settle(server, { ada: client });
    expect(server.doc.toString()).toBe('ab');
    expect(server.received.filter((m) => m.frame.type === 'push')).toHaveLength(2);
  });

  it('after a conflict waits for the winning updates, then pushes again on the new version', () => {
    const server = new FakeCollabServer();
    const { hosts, clients } = pair(server);
    clients.ada.connected();
    clients.linus.connected();
    settle(server, clients);

    hosts.ada.insert(0, 'A');
    clients.ada.localChange();
    hosts.linus.insert(0, 'L');
    clients.linus.localChange();
    settle(server, clients);

    expect(server.log).toHaveLength(2);
    const pushVersions = server.received.flatMap((m) => (m.frame.type === 'push' ? [m.frame.version] : []));
    expect(pushVersions).toEqual([0, 0, 1]);
    expect(hosts.ada.text).toBe(hosts.linus.text);
  });

  it('reconnects with its version and only catches up on what it missed', () => {
    const server = new FakeCollabServer();
    const { hosts, clients } = pair(server);
    clients.ada.connected();
    clients.linus.connected();
    settle(server, clients);
    hosts.ada.insert(0, 'shared ');
    clients.ada.localChange();
    settle(server, clients);

    server.drop('linus');
    clients.linus.disconnected();
    hosts.ada.insert(7, 'while linus was away');
    clients.ada.localChange();
    hosts.linus.insert(0, '> ');
    clients.linus.localChange();
    settle(server, clients);

    server.reconnect('linus');
    clients.linus.connected();
    settle(server, clients);

    const hello = server.received.filter((m) => m.from === 'linus' && m.frame.type === 'hello').pop();
    expect(hello?.frame).toEqual({ type: 'hello', version: 1 });
    expect(hosts.linus.resets).toBe(1); // the first snapshot only: the reconnect caught up instead
    expect(server.log.map((e) => e.user)).toEqual(['ada', 'ada', 'linus']);
    expect(hosts.linus.text).toBe('> shared while linus was away');
    expect(hosts.ada.text).toBe(hosts.linus.text);
  });

  it('asks for the missing updates when a frame skips ahead of its version', () => {
    const server = new FakeCollabServer();
    const host = new StateHost();
    const sent: object[] = [];
    const client = new CollabProtocol(host, (f) => { sent.push(f); return true; }, silentEvents());
    client.connected();
    client.handle(welcomeFrame('current', 0));
    client.handle(updatesFrame(3, [{ clientID: 'x', changes: [[0, 'late']] }]));
    expect(sent.pop()).toEqual({ type: 'pull', version: 0 });
    expect(host.text).toBe('');
    void server;
  });

  it('ignores updates it already has and applies only the new tail of a frame', () => {
    const host = new StateHost();
    const client = new CollabProtocol(host, () => true, silentEvents());
    client.connected();
    client.handle(welcomeFrame('current', 0));
    client.handle(updatesFrame(0, [{ clientID: 'x', changes: [[0, 'ab']] }]));
    client.handle(updatesFrame(0, [{ clientID: 'x', changes: [[0, 'ab']] }, { clientID: 'x', changes: [2, [0, 'c']] }]));
    expect(host.text).toBe('abc');
    expect(getSyncedVersion(host.state)).toBe(2);
  });

  it('starts over from a snapshot when the server refuses its pending change for good', () => {
    const sent: CollabClientFrame[] = [];
    const notices: string[] = [];
    const host = new StateHost();
    const client = new CollabProtocol(host, (f) => { sent.push(f); return true; },
      silentEvents({ notice: (code) => notices.push(code) }));
    client.connected();
    client.handle(welcomeFrame('snapshot', 0));
    client.handle(serverFrame({ type: 'snapshot', version: 0, doc: '' }));
    host.insert(0, 'x'.repeat(20));
    client.localChange();
    client.handle(serverFrame({ type: 'error', code: 'change-too-large', message: 'A change may insert at most 10 characters.' }));
    expect(sent.at(-1)).toEqual({ type: 'hello' });
    client.handle(welcomeFrame('snapshot', 0));
    client.handle(serverFrame({ type: 'snapshot', version: 0, doc: 'server text' }));
    expect(host.text).toBe('server text');
    expect(notices).toContain('change-too-large');
    expect(notices).toContain('edits-dropped');
  });

  it('stops pushing once the session has ended and reports who ended it', () => {
    const sent: CollabClientFrame[] = [];
    const ended = vi.fn();
    const host = new StateHost();
    const client = new CollabProtocol(host, (f) => { sent.push(f); return true; }, silentEvents({ ended }));
    client.connected();
    client.handle(welcomeFrame('current', 0));
    client.handle(serverFrame({ type: 'ended', reason: 'ended-by-participant', endedAt: '2026-01-01T10:00:00Z', by: { id: 'u2', username: 'linus' } }));
    host.insert(0, 'too late');
    client.localChange();
    vi.advanceTimersByTime(1000);
    expect(sent.filter((f) => f.type === 'push')).toHaveLength(0);
    expect(ended).toHaveBeenCalledWith(expect.objectContaining({ by: { id: 'u2', username: 'linus' } }));
    expect(client.isEnded).toBe(true);
  });

  it('retries a push the server dropped for rate limiting', () => {
    const sent: CollabClientFrame[] = [];
    const host = new StateHost();
    const client = new CollabProtocol(host, (f) => { sent.push(f); return true; }, silentEvents());
    client.connected();
    client.handle(welcomeFrame('current', 0));
    host.insert(0, 'x');
    client.localChange();
    expect(sent.filter((f) => f.type === 'push')).toHaveLength(1);
    client.handle(serverFrame({ type: 'error', code: 'rate-limited', message: 'Slow down' }));
    vi.advanceTimersByTime(999);
    expect(sent.filter((f) => f.type === 'push')).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent.filter((f) => f.type === 'push')).toHaveLength(2);
  });

  it('sends the cursor at most every interval, the latest position winning', () => {
    const sent: CollabClientFrame[] = [];
    const host = new StateHost();
    const client = new CollabProtocol(host, (f) => { sent.push(f); return true; }, silentEvents());
    client.connected();
    client.handle(welcomeFrame('current', 0));
    client.cursorMoved({ anchor: 1, head: 1 });
    vi.advanceTimersByTime(0);
    client.cursorMoved({ anchor: 2, head: 2 });
    client.cursorMoved({ anchor: 3, head: 5 });
    vi.advanceTimersByTime(CURSOR_INTERVAL_MS - 1);
    expect(sent.filter((f) => f.type === 'cursor')).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent.filter((f) => f.type === 'cursor').map((f) => f.selection)).toEqual([{ anchor: 1, head: 1 }, { anchor: 3, head: 5 }]);
  });

  it('maps presence frames to the participant states the room shows', () => {
    const seen: string[] = [];
    const client = new CollabProtocol(new StateHost(), () => true, silentEvents({ presence: (u, p) => seen.push(`${u.username}:${p}`) }));
    client.handle(serverFrame({ type: 'presence', status: 'reconnecting', user: { id: '2', username: 'linus' } }));
    client.handle(serverFrame({ type: 'presence', status: 'joined', user: { id: '2', username: 'linus' } }));
    client.handle(serverFrame({ type: 'presence', status: 'left', user: { id: '2', username: 'linus' } }));
    expect(seen).toEqual(['linus:reconnecting', 'linus:online', 'linus:left']);
  });
});
