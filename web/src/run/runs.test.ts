import { describe, expect, it } from 'vitest';
import { RunResult, runEvent, summary } from './runs';
import { decodeCollabFrame } from '../collab/frames';
import { serverFrame } from '../test-support/collabServer';

const base: RunResult = {
  outcome: 'ok', phase: 'run', exitCode: 0, signal: null, limit: null, stdout: '', stdoutTruncated: false,
  stderr: '', stderrTruncated: false, wallMs: 1234, cpuMs: 10, peakMemoryKb: 2048, diagnostics: [],
};

describe('run frames and summaries', () => {
  it('reads the three run frames of the session socket and ignores the others', () => {
    const run = { runId: 'r1', by: { id: 'u', username: 'ada' }, language: 'python', version: 3, stdin: '', startedAt: 't' };
    expect(runEvent(serverFrame({ type: 'run-started', run }))).toEqual({ kind: 'started', run });
    expect(runEvent(serverFrame({ type: 'run-finished', run: { ...run, finishedAt: 'u', result: base } }))).toEqual({
      kind: 'finished', run: { ...run, finishedAt: 'u', result: base },
    });
    expect(runEvent(serverFrame({ type: 'run-failed', run: { ...run, error: 'The code runner is busy.' } }))?.kind).toBe('failed');
    expect(runEvent(serverFrame({ type: 'presence', status: 'joined', user: { id: 'u', username: 'ada' } }))).toBeNull();
  });

  it('refuses a run frame without its run, or with a result of an unknown outcome', () => {
    expect(decodeCollabFrame({ type: 'run-started' })).toEqual({ ok: false, reason: "run-started: 'run' must be an object" });
    const run = { runId: 'r1', by: { id: 'u', username: 'ada' }, language: 'python', version: 3, stdin: '', startedAt: 't' };
    expect(decodeCollabFrame({ type: 'run-finished', run: { ...run, result: { ...base, outcome: 'exploded' } } }))
      .toEqual({ ok: false, reason: "run-finished: 'outcome' must be one of ok, error, compile-error, limit" });
    expect(decodeCollabFrame({ type: 'run-finished', run: { ...run, result: { ...base, stdout: undefined } } }))
      .toEqual({ ok: false, reason: "run-finished: 'stdout' must be a string" });
    const marked = { ...base, outcome: 'compile-error', diagnostics: [{ line: 2, column: 0, severity: 'fatal', message: 'x' }] };
    expect(decodeCollabFrame({ type: 'run-finished', run: { ...run, result: marked } }))
      .toEqual({ ok: false, reason: "run-finished: 'severity' must be one of error, warning" });
  });

  it('says how a run ended: exit 0, a limit, a signal, a compile error', () => {
    expect(summary(base)).toBe('Finished (exit 0) in 1.23 s · 2.0 MiB');
    expect(summary({ ...base, outcome: 'limit', limit: 'cpu-time', signal: 'SIGKILL', exitCode: null })).toBe('Stopped by the CPU time limit after 1.23 s');
    expect(summary({ ...base, outcome: 'error', signal: 'SIGSEGV', exitCode: null })).toBe('Ended by SIGSEGV after 1.23 s');
    expect(summary({ ...base, outcome: 'error', exitCode: 3 })).toBe('Exited with status 3 after 1.23 s · 2.0 MiB');
    expect(summary({ ...base, outcome: 'compile-error' })).toBe('Compilation failed');
  });
});
