import { describe, expect, it } from 'vitest';
import { decodeMatchFrame } from './frames';

const question = { id: 'q1', title: 'Two Sum', difficulty: 'Medium', topics: ['arrays'] };

describe('matching frames', () => {
  it('reads every frame the matching service sends', () => {
    const frames = [
      { type: 'queued', requestId: 'r', topic: 'arrays', difficulty: 'Medium', language: null, relaxed: false, waiting: 1, position: 1, enqueuedAt: 'a', relaxAt: 'b', timeoutAt: 'c' },
      { type: 'relaxed', requestId: 'r', difficulty: 'any' },
      { type: 'matching', requestId: 'r' },
      { type: 'matched', requestId: 'r', matchId: 'm', sessionId: 's', partner: { id: 'u2', username: 'linus' }, question, language: 'python', topic: 'arrays', relaxed: false },
      { type: 'requeued', requestId: 'r', detail: 'Back at the front of the queue.' },
      { type: 'timeout', requestId: 'r', detail: 'No partner was found.' },
      { type: 'cancelled', requestId: 'r' },
      { type: 'superseded', requestId: 'r', detail: 'Replaced.' },
      { type: 'lost', requestId: 'r', detail: 'Lost.' },
      { type: 'pong' },
      { type: 'error', code: 'no-questions', detail: 'No questions.', requestId: 'r' },
      { type: 'error', code: 'bad-request', detail: 'Unknown topic.' },
    ];
    expect(frames.map((f) => decodeMatchFrame(f).ok)).toEqual(frames.map(() => true));
  });

  it('gives a frame only the fields of its type, typed', () => {
    const decoded = decodeMatchFrame({ type: 'error', code: 'bad-request', detail: 'Unknown topic.', extra: 1 });
    expect(decoded).toEqual({ ok: true, frame: { type: 'error', code: 'bad-request', detail: 'Unknown topic.', requestId: null } });
  });

  it('reads an error code this version does not know as other, keeping its detail', () => {
    const decoded = decodeMatchFrame({ type: 'error', code: 'queue-closed', detail: 'Matching is closed tonight.' });
    expect(decoded).toMatchObject({ ok: true, frame: { code: 'other', detail: 'Matching is closed tonight.' } });
  });

  it('refuses an unknown type, a missing field and a value outside the protocol, saying why', () => {
    expect(decodeMatchFrame({ type: 'teleported', requestId: 'r' })).toEqual({ ok: false, reason: 'unknown frame type "teleported"' });
    expect(decodeMatchFrame({ requestId: 'r' })).toEqual({ ok: false, reason: 'unknown frame type undefined' });
    expect(decodeMatchFrame({ type: 'timeout', requestId: 'r' })).toEqual({ ok: false, reason: "timeout: 'detail' must be a string" });
    expect(decodeMatchFrame({ type: 'matched', requestId: 'r', matchId: 'm', sessionId: 's', partner: { id: 'u2', username: 'linus' }, question, language: 'cobol', topic: 'arrays', relaxed: false }))
      .toEqual({ ok: false, reason: "matched: 'language' must be one of python, java, javascript, cpp" });
    expect(decodeMatchFrame({ type: 'matched', requestId: 'r', matchId: 'm', sessionId: 's', partner: 'linus', question, language: 'python', topic: 'arrays', relaxed: false }))
      .toEqual({ ok: false, reason: "matched: 'partner' must be an object with id and username" });
    expect(decodeMatchFrame(['queued'])).toEqual({ ok: false, reason: 'a frame must be a JSON object' });
    expect(decodeMatchFrame(null)).toEqual({ ok: false, reason: 'a frame must be a JSON object' });
  });
});
