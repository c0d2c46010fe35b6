import { describe, expect, it } from 'vitest';
import { decodeCollabFrame } from './frames';

const ada = { id: 'u1', username: 'ada' };
const welcome = {
  type: 'welcome', mode: 'catch-up', version: 41, sessionId: 's', status: 'active', language: 'python',
  question: { id: 'q-1', title: 'Two Sum', difficulty: 'Easy', topics: ['arrays'] }, you: ada,
  participants: [{ ...ada, presence: 'online' }, { id: 'u2', username: 'linus', presence: 'reconnecting' }],
  limits: { maxDocChars: 100000, maxChangeChars: 10000, maxMsgsPerSec: 30, maxFrameBytes: 131072 },
};

describe('collaboration frames', () => {
  it('reads every frame the collaboration service sends', () => {
    const run = { runId: 'r1', by: ada, language: 'python', version: 3, stdin: '', startedAt: 't' };
    const frames = [
      welcome,
      { type: 'snapshot', version: 57, doc: 'def f():\n    pass' },
      { type: 'updates', version: 57, updates: [{ v: 58, t: 1, user: 'u1', clientID: 'k3', changes: [29, [0, '    seen = {}', ''], 4] }] },
      { type: 'accepted', version: 59 },
      { type: 'conflict', version: 58 },
      { type: 'cursor', user: ada, selection: { anchor: 1, head: 4 } },
      { type: 'language', language: 'java', by: ada },
      { type: 'presence', status: 'joined', user: ada },
      { type: 'ended', reason: 'ended-by-participant', endedAt: '2026-01-01T10:30:00.000Z', by: ada },
      { type: 'ended', reason: 'abandoned', endedAt: '2026-01-01T10:30:00.000Z', by: null },
      { type: 'error', code: 'change-too-large', message: 'A change may insert at most 10000 characters.' },
      { type: 'pong' },
      { type: 'run-started', run },
      { type: 'run-finished', run: { ...run, finishedAt: 'u', result: {
        language: 'python', outcome: 'ok', phase: 'run', exitCode: 0, signal: null, limit: null, stdout: '3\n', stdoutTruncated: false,
        stderr: '', stderrTruncated: false, wallMs: 41, cpuMs: 30, peakMemoryKb: 9000, diagnostics: [], queuedMs: 0,
      } } },
      { type: 'run-failed', run: { ...run, finishedAt: 'u', error: 'The run failed; try again.' } },
    ];
    expect(frames.map((f) => decodeCollabFrame(f).ok)).toEqual(frames.map(() => true));
  });

  it('reads an ended frame sent on connecting to an ended session, which names nobody', () => {
    expect(decodeCollabFrame({ type: 'ended', reason: 'abandoned', endedAt: 'e' })).toEqual({
      ok: true, frame: { type: 'ended', reason: 'abandoned', endedAt: 'e', by: null },
    });
  });

  it('refuses a welcome with a participant of unknown presence, and updates that are not a list', () => {
    const odd = { ...welcome, participants: [{ ...ada, presence: 'dancing' }] };
    expect(decodeCollabFrame(odd)).toEqual({ ok: false, reason: "welcome: 'presence' must be one of online, reconnecting, left, offline" });
    expect(decodeCollabFrame({ type: 'updates', version: 1, updates: 'none' })).toEqual({ ok: false, reason: "updates: 'updates' must be an array" });
    expect(decodeCollabFrame({ type: 'updates', version: 1, updates: [7] })).toEqual({ ok: false, reason: "updates: 'updates[0]' must be an object" });
  });

  it('refuses a cursor whose selection is not the anchor and head the app sends', () => {
    expect(decodeCollabFrame({ type: 'cursor', user: ada, selection: { ranges: [] } })).toEqual({ ok: false, reason: "cursor: 'anchor' must be a number" });
  });
});
