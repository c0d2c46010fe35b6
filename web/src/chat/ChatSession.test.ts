import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatSession } from './ChatSession';
import { FakeSocket } from '../test-support/fakeSocket';

function harness() {
  const sockets: FakeSocket[] = [];
  const client = {
    socketUrl: async (_service: string, path: string, query: Record<string, string | undefined> = {}) =>
      `ws://test${path}${query.after ? `?after=${query.after}` : ''}`,
  };
  const chat = new ChatSession('s1', client as never, (url) => {
    const s = new FakeSocket(url);
    sockets.push(s);
    return s;
  });
  const welcome = (s: FakeSocket) => {
    s.open();
    s.receive({ type: 'welcome', sessionId: 's1', you: { id: 'u1', username: 'ada' }, status: 'active', online: ['u1'] });
  };
  return { chat, sockets, welcome };
}

describe('ChatSession', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('keeps a message typed before the socket opens and sends it once it does', async () => {
    const h = harness();
    h.chat.send('  hello there  ');
    expect(h.chat.store.get().pending[0]).toMatchObject({ text: 'hello there', status: 'queued' });
    await vi.advanceTimersByTimeAsync(0);
    h.welcome(h.sockets[0]);
    const sent = h.sockets[0].frames();
    expect(sent).toEqual([{ type: 'message', text: 'hello there', clientMsgId: expect.any(String) }]);
    expect(h.chat.store.get().pending[0].status).toBe('sending');
    h.chat.destroy();
  });

  it('resumes after the last message it saw when it reconnects', async () => {
    const h = harness();
    await vi.advanceTimersByTimeAsync(0);
    h.welcome(h.sockets[0]);
    h.sockets[0].receive({ type: 'message', id: '1700000000000-3', user: 'u2', username: 'linus', text: 'hi', at: '2026-01-01T10:00:00Z' });
    h.sockets[0].drop(1001);
    expect(h.chat.store.get().status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(300);
    expect(h.sockets[1].url).toBe('ws://test/sessions/s1/ws?after=1700000000000-3');
    h.chat.destroy();
  });

  it.each(['rate-limited', 'rate_limited'])('sends a message refused with %s again when the server says it may', async (code) => {
    const h = harness();
    await vi.advanceTimersByTimeAsync(0);
    h.welcome(h.sockets[0]);
    h.chat.send('one more');
    const id = h.sockets[0].frames()[0].clientMsgId;
    h.sockets[0].receive({ type: 'error', code, message: 'Too many messages; wait 1500 ms.', clientMsgId: id, retryAfterMs: 1500 });
    expect(h.chat.store.get().pending[0]).toMatchObject({ status: 'failed', error: 'Too many messages; wait 1500 ms.' });
    await vi.advanceTimersByTimeAsync(1499);
    expect(h.sockets[0].frames()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets[0].frames()).toHaveLength(2);
    expect(h.sockets[0].frames()[1]).toMatchObject({ type: 'message', text: 'one more', clientMsgId: id });
    h.chat.destroy();
  });

  it('tells the partner about typing at most every few seconds', async () => {
    const h = harness();
    await vi.advanceTimersByTimeAsync(0);
    h.welcome(h.sockets[0]);
    h.chat.typing();
    h.chat.typing();
    await vi.advanceTimersByTimeAsync(2499);
    h.chat.typing();
    await vi.advanceTimersByTimeAsync(1);
    h.chat.typing();
    expect(h.sockets[0].frames().filter((f) => f.type === 'typing')).toHaveLength(2);
    h.chat.destroy();
  });
});
