import { describe, expect, it } from 'vitest';
import { MatchAction, initialMatch, matchReducer, secondsLeft } from './matchState';
import { decodeMatchFrame } from './frames';

/** A frame as the server sends it, read through the app's decoder. */
function frame(raw: object): MatchAction {
  const decoded = decodeMatchFrame(raw);
  if (!decoded.ok) {
    throw new Error(decoded.reason);
  }
  return { type: 'frame', frame: decoded.frame };
}

const queued = (requestId: string) => frame({
  type: 'queued', requestId, topic: 'arrays', difficulty: 'Easy', language: 'python', relaxed: false, waiting: 2,
  enqueuedAt: '2026-01-01T10:00:00Z', relaxAt: '2026-01-01T10:00:20Z', timeoutAt: '2026-01-01T10:01:00Z',
});

describe('match state', () => {
  it('follows a request from queued to matched', () => {
    let s = matchReducer(initialMatch, { type: 'request', topic: 'arrays', difficulty: 'Easy' });
    expect(s.phase).toBe('connecting');
    s = matchReducer(s, queued('r1'));
    expect(s).toMatchObject({ phase: 'queued', requestId: 'r1', waiting: 2 });
    s = matchReducer(s, frame({ type: 'matching', requestId: 'r1' }));
    s = matchReducer(s, frame({
        type: 'matched', requestId: 'r1', matchId: 'm', sessionId: 's1', partner: { id: 'u2', username: 'linus' },
        question: { id: 'q', title: 'Two Sum', difficulty: 'Easy', topics: ['arrays'] }, language: 'python', topic: 'arrays', relaxed: false,
      }));
    expect(s.phase).toBe('matched');
    expect(s.match).toMatchObject({ sessionId: 's1', partner: { username: 'linus' } });
  });

  it('ignores the replayed final frame of an older request after asking again', () => {
    let s = matchReducer(initialMatch, { type: 'request', topic: 'arrays', difficulty: 'Easy' });
    s = matchReducer(s, frame({ type: 'timeout', requestId: 'old', detail: 'No partner was found.' }));
    expect(s.phase).toBe('connecting');
    s = matchReducer(s, queued('new'));
    s = matchReducer(s, frame({ type: 'cancelled', requestId: 'old' }));
    expect(s).toMatchObject({ phase: 'queued', requestId: 'new' });
  });

  it('ends as lost when the server lost the waiting request, with its explanation', () => {
    let s = matchReducer(initialMatch, { type: 'request', topic: 'arrays', difficulty: 'Easy' });
    s = matchReducer(s, queued('r1'));
    s = matchReducer(s, frame({ type: 'lost', requestId: 'r1', detail: 'Your match request was lost by the server; ask for a match again.' }));
    expect(s).toMatchObject({ phase: 'lost', detail: 'Your match request was lost by the server; ask for a match again.' });
  });

  it('ends with the server\'s explanation on timeout', () => {
    let s = matchReducer(initialMatch, { type: 'request', topic: 'arrays', difficulty: 'Easy' });
    s = matchReducer(s, queued('r1'));
    s = matchReducer(s, frame({ type: 'timeout', requestId: 'r1', detail: 'No partner was found within 60 seconds.' }));
    expect(s).toMatchObject({ phase: 'timeout', detail: 'No partner was found within 60 seconds.' });
  });

  it('shows a relaxed request as open to any difficulty', () => {
    let s = matchReducer(initialMatch, { type: 'request', topic: 'arrays', difficulty: 'Hard' });
    s = matchReducer(s, queued('r1'));
    s = matchReducer(s, frame({ type: 'relaxed', requestId: 'r1', difficulty: 'any' }));
    expect(s).toMatchObject({ relaxed: true, difficulty: 'any', phase: 'queued' });
  });

  it('keeps waiting after an error about a frame, but stops when no request could start', () => {
    let s = matchReducer(initialMatch, { type: 'request', topic: 'arrays', difficulty: 'Easy' });
    s = matchReducer(s, queued('r1'));
    s = matchReducer(s, frame({ type: 'error', code: 'no-request', detail: 'You have no waiting match request to cancel.' }));
    expect(s.phase).toBe('queued');
    let t = matchReducer(initialMatch, { type: 'request', topic: 'nope', difficulty: 'Easy' });
    t = matchReducer(t, frame({ type: 'error', code: 'bad-request', detail: 'Unknown topic nope.' }));
    expect(t).toMatchObject({ phase: 'error', detail: 'Unknown topic nope.' });
  });

  it('counts down whole seconds to the timeout and stops at zero', () => {
    let s = matchReducer(initialMatch, { type: 'request', topic: 'arrays', difficulty: 'Easy' });
    s = matchReducer(s, queued('r1'));
    const timeout = Date.parse('2026-01-01T10:01:00Z');
    expect(secondsLeft(s, timeout - 59_500)).toBe(60);
    expect(secondsLeft(s, timeout - 1)).toBe(1);
    expect(secondsLeft(s, timeout + 5000)).toBe(0);
  });

  it('never shows more than the whole wait when the clocks disagree', () => {
    let s = matchReducer(initialMatch, { type: 'request', topic: 'arrays', difficulty: 'Easy' });
    s = matchReducer(s, queued('r1'));
    expect(secondsLeft(s, Date.parse('2026-01-01T09:59:58Z'))).toBe(60);
  });

  it('reports a lost connection only while a request is waiting', () => {
    let s = matchReducer(initialMatch, { type: 'request', topic: 'arrays', difficulty: 'Easy' });
    s = matchReducer(s, queued('r1'));
    expect(matchReducer(s, { type: 'lost', detail: 'x' }).phase).toBe('error');
    expect(matchReducer(initialMatch, { type: 'lost', detail: 'x' }).phase).toBe('idle');
  });
});
