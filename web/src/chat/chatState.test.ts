import { describe, expect, it } from 'vitest';
import { ChatAction, ChatState, TYPING_SHOWN_MS, chatReducer, compareIds, initialChat } from './chatState';
import { decodeChatFrame } from './frames';

/** A frame as the server sends it, read through the app's decoder. */
function frame(raw: object, now = 0): ChatAction {
  const decoded = decodeChatFrame(raw);
  if (!decoded.ok) {
    throw new Error(decoded.reason);
  }
  return { type: 'frame', frame: decoded.frame, now };
}

const me = { id: 'u1', username: 'ada' };
const welcomed: ChatState = chatReducer(initialChat, frame({ type: 'welcome', sessionId: 's', you: me, status: 'active', online: ['u1'] }));

function message(id: string, user = 'u2', text = `hi ${id}`) {
  return frame({ type: 'message', id, user, username: user === 'u1' ? 'ada' : 'linus', text, at: '2026-01-01T10:00:00Z' });
}

describe('chat state', () => {
  it('orders stream ids by time, then by sequence', () => {
    expect(compareIds('1700000000000-2', '1700000000000-10')).toBeLessThan(0);
    expect(compareIds('1700000000001-0', '1700000000000-99')).toBeGreaterThan(0);
    expect(compareIds('5-1', '5-1')).toBe(0);
  });

  it('keeps each message once and in stream order, even when the backlog and live frames overlap', () => {
    let s = chatReducer(welcomed, message('1700000000002-0'));
    s = chatReducer(s, message('1700000000001-0'));
    s = chatReducer(s, message('1700000000002-0'));
    expect(s.messages.map((m) => m.id)).toEqual(['1700000000001-0', '1700000000002-0']);
    expect(s.lastId).toBe('1700000000002-0');
  });

  it('shows my message as stored from its acknowledgement (the service sends no echo), once, whichever of ack and message comes first', () => {
    let s = chatReducer(welcomed, { type: 'queue', clientMsgId: 'c1', text: ' hash map? ' });
    s = chatReducer(s, { type: 'sent', clientMsgId: 'c1' });
    s = chatReducer(s, frame({ type: 'ack', clientMsgId: 'c1', id: '9-0', at: '2026-01-01T10:00:00Z' }));
    expect(s.pending).toHaveLength(0);
    expect(s.messages).toEqual([{ id: '9-0', user: 'u1', username: 'ada', text: 'hash map?', at: '2026-01-01T10:00:00Z' }]);
    expect(s.lastId).toBe('9-0');
    s = chatReducer(s, message('9-0', 'u1', 'hash map?'));
    expect(s.messages).toHaveLength(1);

    let t = chatReducer(welcomed, { type: 'queue', clientMsgId: 'c2', text: 'two pointers' });
    t = chatReducer(t, { type: 'sent', clientMsgId: 'c2' });
    t = chatReducer(t, message('10-0', 'u1', 'two pointers'));
    t = chatReducer(t, frame({ type: 'ack', clientMsgId: 'c2', id: '10-0', at: '2026-01-01T10:00:00Z' }));
    expect(t.pending).toHaveLength(0);
    expect(t.messages).toHaveLength(1);
  });

  it('marks an unconfirmed message as failed when the connection drops, and lets it be retried', () => {
    let s = chatReducer(welcomed, { type: 'queue', clientMsgId: 'c1', text: 'are you there?' });
    s = chatReducer(s, { type: 'sent', clientMsgId: 'c1' });
    s = chatReducer(s, { type: 'disconnected' });
    expect(s.pending[0].status).toBe('failed');
    s = chatReducer(s, { type: 'retry', clientMsgId: 'c1' });
    expect(s.pending[0].status).toBe('queued');
  });

  it('drops a failed message when the resync shows it was stored after all', () => {
    let s = chatReducer(welcomed, { type: 'queue', clientMsgId: 'c1', text: 'stored anyway' });
    s = chatReducer(s, { type: 'sent', clientMsgId: 'c1' });
    s = chatReducer(s, { type: 'disconnected' });
    s = chatReducer(s, message('11-0', 'u1', 'stored anyway'));
    expect(s.pending).toHaveLength(0);
  });

  it('shows the server\'s reason on a refused message', () => {
    let s = chatReducer(welcomed, { type: 'queue', clientMsgId: 'c1', text: 'x' });
    s = chatReducer(s, { type: 'sent', clientMsgId: 'c1' });
    s = chatReducer(s, frame({ type: 'error', code: 'message_too_long', message: 'A message may be at most 2000 characters.', clientMsgId: 'c1' }));
    expect(s.pending[0]).toMatchObject({ status: 'failed', error: 'A message may be at most 2000 characters.' });
  });

  it('shows the partner typing for a few seconds, and not after their message arrives', () => {
    let s = chatReducer(welcomed, frame({ type: 'typing', user: 'u2', username: 'linus' }, 1000));
    expect(s.typing?.username).toBe('linus');
    expect(chatReducer(s, { type: 'tick', now: 1000 + TYPING_SHOWN_MS - 1 }).typing).not.toBeNull();
    expect(chatReducer(s, { type: 'tick', now: 1000 + TYPING_SHOWN_MS }).typing).toBeNull();
    expect(chatReducer(s, message('12-0')).typing).toBeNull();
  });

  it('tracks who is online and whether the session ended', () => {
    let s = chatReducer(welcomed, frame({ type: 'presence', user: 'u2', username: 'linus', state: 'joined' }));
    expect(s.online).toEqual(['u1', 'u2']);
    s = chatReducer(s, frame({ type: 'presence', user: 'u2', username: 'linus', state: 'left' }));
    expect(s.online).toEqual(['u1']);
    s = chatReducer(s, frame({ type: 'ended', sessionId: 's' }));
    expect(s.ended).toBe(true);
  });
});
