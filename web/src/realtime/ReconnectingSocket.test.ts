import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT, ReconnectingSocket, ReconnectingSocketOptions, SocketStatus } from './ReconnectingSocket';
import { SessionExpiredError } from '../api/problem';
import { FakeSocket } from '../test-support/fakeSocket';
import { Decoded, decodeFrame, str } from './decode';

type TestFrame = { type: 'pong' } | { type: 'note'; text: string };

function decode(raw: unknown): Decoded<TestFrame> {
  return decodeFrame<TestFrame>(raw, { pong: () => ({ type: 'pong' }), note: (o) => ({ type: 'note', text: str(o, 'text') }) });
}

function harness(overrides: Partial<ReconnectingSocketOptions<TestFrame>> = {}) {
  const sockets: FakeSocket[] = [];
  const statuses: SocketStatus[] = [];
  const frames: TestFrame[] = [];
  const invalid: string[] = [];
  let token = 0;
  const onOpen = vi.fn();
  const socket = new ReconnectingSocket<TestFrame>({
    decode,
    onInvalid: (reason) => invalid.push(reason),
    url: async () => `ws://test/ws?access_token=t${++token}`,
    create: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    onOpen,
    onMessage: (f) => frames.push(f),
    onStatus: (s) => statuses.push(s),
    backoffMs: [100, 200],
    ...overrides,
  });
  return { socket, sockets, statuses, frames, invalid, onOpen };
}

describe('ReconnectingSocket', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('reconnects after a drop with a fresh token and says hello again', async () => {
    const h = harness();
    h.socket.start();
    await vi.runAllTimersAsync();
    h.sockets[0].open();
    h.sockets[0].drop();
    expect(h.socket.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(100);
    expect(h.sockets).toHaveLength(2);
    expect(h.sockets[1].url).toContain('access_token=t2');
    h.sockets[1].open();
    expect(h.onOpen).toHaveBeenCalledTimes(2);
    expect(h.statuses).toEqual(['connecting', 'open', 'reconnecting', 'reconnecting', 'open']);
  });

  it('waits longer after each failed attempt', async () => {
    const h = harness();
    h.socket.start();
    await vi.advanceTimersByTimeAsync(0);
    h.sockets[0].drop();
    await vi.advanceTimersByTimeAsync(100);
    h.sockets[1].drop();
    await vi.advanceTimersByTimeAsync(199);
    expect(h.sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets).toHaveLength(3);
  });

  it('stops for good on a final close code and says why', async () => {
    const stopped = vi.fn();
    const h = harness({ isFinal: (code) => code === 4409, onStopped: stopped });
    h.socket.start();
    await vi.advanceTimersByTimeAsync(0);
    h.sockets[0].open();
    h.sockets[0].drop(4409, 'The session has ended');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.sockets).toHaveLength(1);
    expect(stopped).toHaveBeenCalledWith(4409, 'The session has ended');
    expect(h.socket.status).toBe('closed');
  });

  it('gives up without retrying when the user has to sign in again', async () => {
    const stopped = vi.fn();
    const h = harness({ url: () => Promise.reject(new SessionExpiredError()), onStopped: stopped });
    h.socket.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.sockets).toHaveLength(0);
    expect(stopped).toHaveBeenCalledWith(0, 'signed out');
  });

  it('passes the frames of the protocol on and reports anything else without stopping', async () => {
    const h = harness();
    h.socket.start();
    await vi.advanceTimersByTimeAsync(0);
    h.sockets[0].open();
    h.sockets[0].receive({ type: 'pong' });
    h.sockets[0].onmessage?.(new MessageEvent('message', { data: 'not json' }));
    h.sockets[0].onmessage?.(new MessageEvent('message', { data: '[1,2]' }));
    h.sockets[0].receive({ type: 'gossip' });
    h.sockets[0].receive({ type: 'note', text: 42 });
    h.sockets[0].receive({ type: 'note', text: 'still here' });
    expect(h.frames).toEqual([{ type: 'pong' }, { type: 'note', text: 'still here' }]);
    expect(h.invalid).toEqual([
      'a frame that is not JSON',
      'a frame must be a JSON object',
      'unknown frame type "gossip"',
      "note: 'text' must be a string",
    ]);
    expect(h.socket.status).toBe('open');
  });

  it('refuses to send while disconnected so the caller can keep the frame', async () => {
    const h = harness();
    h.socket.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.socket.send({ type: 'x' })).toBe(false);
    h.sockets[0].open();
    expect(h.socket.send({ type: 'x' })).toBe(true);
    expect(h.sockets[0].frames()).toEqual([{ type: 'x' }]);
  });

  it('presumes a silent connection dead when its ping goes unanswered', async () => {
    const h = harness({ ping: { frame: '{"type":"ping"}', intervalMs: 1000, timeoutMs: 500 } });
    h.socket.start();
    await vi.advanceTimersByTimeAsync(0);
    h.sockets[0].open();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.sockets[0].sent).toEqual(['{"type":"ping"}']);
    h.sockets[0].receive({ type: 'pong' });
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(500);
    expect(h.sockets[0].closedWith).toBe(4000);
    expect(h.socket.status).toBe('reconnecting');
  });

  it('with the app heartbeat, stays while pongs come and reconnects within 25 s once the server goes silent', async () => {
    const h = harness({ ping: HEARTBEAT });
    h.socket.start();
    await vi.advanceTimersByTimeAsync(0);
    h.sockets[0].open();
    for (let beat = 0; beat < 4; beat++) {
      await vi.advanceTimersByTimeAsync(HEARTBEAT.intervalMs);
      h.sockets[0].receive({ type: 'pong' });
    }
    expect(h.sockets[0].sent).toHaveLength(4);
    expect(h.socket.status).toBe('open');
    await vi.advanceTimersByTimeAsync(HEARTBEAT.intervalMs + HEARTBEAT.timeoutMs);
    expect(HEARTBEAT.intervalMs + HEARTBEAT.timeoutMs).toBeLessThanOrEqual(25_000);
    expect(h.sockets[0].closedWith).toBe(4000);
    expect(h.socket.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(100);
    expect(h.sockets).toHaveLength(2);
  });

  it('closes quietly when stopped and does not come back', async () => {
    const h = harness();
    h.socket.start();
    await vi.advanceTimersByTimeAsync(0);
    h.sockets[0].open();
    h.socket.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.sockets[0].closedWith).toBe(1000);
    expect(h.sockets).toHaveLength(1);
  });

  it('asks for a renewed token after a 4401 close (revoked), and only then', async () => {
    const renews: boolean[] = [];
    const h = harness({ url: async (renew) => { renews.push(renew); return `ws://test/ws?n=${renews.length}`; } });
    h.socket.start();
    await vi.advanceTimersByTimeAsync(0);
    h.sockets[0].open();
    h.sockets[0].drop(4401, 'Signed out');
    await vi.advanceTimersByTimeAsync(100);
    h.sockets[1].open();
    h.sockets[1].drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(renews).toEqual([false, true, false]);
  });

  it('stops as signed out when the token cannot be renewed after a 4401 close', async () => {
    const stopped = vi.fn();
    const h = harness({
      onStopped: stopped,
      url: async (renew) => {
        if (renew) {
          throw new SessionExpiredError();
        }
        return 'ws://test/ws';
      },
    });
    h.socket.start();
    await vi.advanceTimersByTimeAsync(0);
    h.sockets[0].open();
    h.sockets[0].drop(4401, 'Signed out');
    await vi.advanceTimersByTimeAsync(200);
    expect(stopped).toHaveBeenCalledWith(0, 'signed out');
    expect(h.sockets).toHaveLength(1);
  });
});
