import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MatchSession } from './MatchSession';
import { HEARTBEAT } from '../realtime/ReconnectingSocket';
import { FakeSocket } from '../test-support/fakeSocket';

function harness() {
  const sockets: FakeSocket[] = [];
  const client = { socketUrl: async (_service: string, path: string) => `ws://test${path}` };
  const session = new MatchSession(client as never, (url) => {
    const s = new FakeSocket(url);
    sockets.push(s);
    return s;
  });
  return { session, sockets };
}

/** A queued frame as the matching service sends it. */
const QUEUED = {
  type: 'queued', requestId: 'r1', topic: 'arrays', difficulty: 'Easy', language: null, relaxed: false, waiting: 1, position: 1,
  enqueuedAt: '2026-01-01T10:00:00Z', relaxAt: '2026-01-01T10:00:20Z', timeoutAt: '2026-01-01T10:01:00Z',
};

describe('MatchSession', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('pings the matching service and reconnects when it stops answering', async () => {
    const h = harness();
    h.session.request('arrays', 'Easy', null);
    await vi.advanceTimersByTimeAsync(0);
    h.sockets[0].open();
    h.sockets[0].receive(QUEUED);
    await vi.advanceTimersByTimeAsync(HEARTBEAT.intervalMs);
    expect(h.sockets[0].sent).toContain('{"type":"ping"}');
    await vi.advanceTimersByTimeAsync(HEARTBEAT.timeoutMs);
    expect(h.sockets[0].closedWith).toBe(4000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.sockets.length).toBeGreaterThan(1);
  });

  it('shows a request the service lost as lost, with its explanation', async () => {
    const h = harness();
    h.session.request('arrays', 'Easy', null);
    await vi.advanceTimersByTimeAsync(0);
    h.sockets[0].open();
    h.sockets[0].receive(QUEUED);
    h.sockets[0].receive({ type: 'lost', requestId: 'r1', detail: 'Your match request was lost by the server; ask for a match again.' });
    expect(h.session.store.get()).toMatchObject({ phase: 'lost', detail: 'Your match request was lost by the server; ask for a match again.' });
  });

  it('asks for a rematch with the session being left, so the service gives back the place in the queue', async () => {
    const h = harness();
    h.session.request('arrays', 'Easy', 'python', '0b6f6f5e-6d3c-4a43-9d64-6c1b1b1a9a01');
    await vi.advanceTimersByTimeAsync(0);
    h.sockets[0].open();
    await vi.advanceTimersByTimeAsync(0);
    const sent = h.sockets[0].sent.map((f) => JSON.parse(f) as Record<string, unknown>);
    expect(sent).toContainEqual({
      type: 'request', topic: 'arrays', difficulty: 'Easy', language: 'python', rematchOf: '0b6f6f5e-6d3c-4a43-9d64-6c1b1b1a9a01',
    });
  });

  it('leaves rematchOf out of an ordinary request', async () => {
    const h = harness();
    h.session.request('arrays', 'Easy', null);
    await vi.advanceTimersByTimeAsync(0);
    h.sockets[0].open();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.sockets[0].sent).toContain('{"type":"request","topic":"arrays","difficulty":"Easy"}');
  });
});
