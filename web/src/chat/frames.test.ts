import { describe, expect, it } from 'vitest';
import { decodeChatFrame } from './frames';

describe('chat frames', () => {
  it('reads every frame the chat service sends', () => {
    const frames = [
      { type: 'welcome', sessionId: 's', you: { id: 'u1', username: 'ada' }, status: 'active', online: ['u1'] },
      { type: 'message', id: '1-0', user: 'u1', username: 'ada', text: 'hi', at: '2026-01-01T10:00:00Z' },
      { type: 'synced', lastId: null, count: 0 },
      { type: 'ack', clientMsgId: 'c1', id: '1-0', at: '2026-01-01T10:00:00Z' },
      { type: 'typing', user: 'u2', username: 'linus' },
      { type: 'presence', user: 'u2', username: 'linus', state: 'left' },
      { type: 'ended', sessionId: 's' },
      { type: 'pong' },
      { type: 'error', code: 'rate_limited', message: 'Too many messages.', clientMsgId: 'c1', retryAfterMs: 1500 },
    ];
    expect(frames.map((f) => decodeChatFrame(f).ok)).toEqual(frames.map(() => true));
  });

  it('reads the chat service\'s underscored error codes in the dashed spelling of the other services', () => {
    expect(decodeChatFrame({ type: 'error', code: 'rate_limited', message: 'Wait.', clientMsgId: 'c1', retryAfterMs: 1500 }))
      .toEqual({ ok: true, frame: { type: 'error', code: 'rate-limited', message: 'Wait.', clientMsgId: 'c1', retryAfterMs: 1500 } });
    expect(decodeChatFrame({ type: 'error', code: 'session-ended', message: 'Read-only.' }))
      .toMatchObject({ ok: true, frame: { code: 'session-ended', clientMsgId: null, retryAfterMs: undefined } });
    expect(decodeChatFrame({ type: 'error', code: 'moon_phase', message: 'Later.' })).toMatchObject({ ok: true, frame: { code: 'other' } });
  });

  it('refuses a message without its text, a presence of an unknown state and an unknown type', () => {
    expect(decodeChatFrame({ type: 'message', id: '1-0', user: 'u1', username: 'ada', at: 'x' }))
      .toEqual({ ok: false, reason: "message: 'text' must be a string" });
    expect(decodeChatFrame({ type: 'presence', user: 'u2', username: 'linus', state: 'asleep' }))
      .toEqual({ ok: false, reason: "presence: 'state' must be one of joined, left" });
    expect(decodeChatFrame({ type: 'reaction', emoji: '+1' })).toEqual({ ok: false, reason: 'unknown frame type "reaction"' });
  });
});
