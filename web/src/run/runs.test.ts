import { describe, expect, it } from 'vitest';
import { RunResult, runEvent, summary } from './runs';

const base: RunResult = {
  outcome: 'ok', phase: 'run', exitCode: 0, signal: null, limit: null, stdout: '', stdoutTruncated: false,
  stderr: '', stderrTruncated: false, wallMs: 1234, cpuMs: 10, peakMemoryKb: 2048, diagnostics: [],
};

describe('run frames and summaries', () => {
  it('reads the three run frames of the session socket and ignores the others', () => {
    const run = { runId: 'r1', by: { id: 'u', username: 'ada' }, language: 'python', version: 3, stdin: '', startedAt: 't' };
    expect(runEvent({ type: 'run-started', run })).toEqual({ kind: 'started', run });
    expect(runEvent({ type: 'run-finished', run })?.kind).toBe('finished');
    expect(runEvent({ type: 'run-failed', run })?.kind).toBe('failed');
    expect(runEvent({ type: 'presence', user: {} })).toBeNull();
    expect(runEvent({ type: 'run-started' })).toBeNull();
  });

  it('says how a run ended: exit 0, a limit, a signal, a compile error', () => {
    expect(summary(base)).toBe('Finished (exit 0) in 1.23 s · 2.0 MiB');
    expect(summary({ ...base, outcome: 'limit', limit: 'cpu-time', signal: 'SIGKILL', exitCode: null })).toBe('Stopped by the CPU time limit after 1.23 s');
    expect(summary({ ...base, outcome: 'error', signal: 'SIGSEGV', exitCode: null })).toBe('Ended by SIGSEGV after 1.23 s');
    expect(summary({ ...base, outcome: 'error', exitCode: 3 })).toBe('Exited with status 3 after 1.23 s · 2.0 MiB');
    expect(summary({ ...base, outcome: 'compile-error' })).toBe('Compilation failed');
  });
});
