import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { AttemptRun } from '../api/types';
import { AttemptRunList, switchText } from './AttemptRuns';

const ada = { id: 'u1', username: 'ada', displayName: 'Ada L.' };
const linus = { id: 'u2', username: 'linus', displayName: null };

function run(by: AttemptRun['by'], stdout: string, extra: Partial<AttemptRun['result']> = {}): AttemptRun {
  return {
    runId: `r-${by.username}-${stdout.length}`, by, language: 'python', version: 7, startedAt: '2026-01-01T10:00:00Z',
    finishedAt: '2026-01-01T10:00:01Z', stdin: '', stdinTruncated: false,
    result: {
      outcome: 'ok', phase: 'run', exitCode: 0, signal: null, limit: null, wallMs: 250, cpuMs: 30, peakMemoryKb: null,
      stdout, stdoutTruncated: false, stderr: '', stderrTruncated: false, ...extra,
    },
  };
}

describe('an attempt\'s runs', () => {
  afterEach(cleanup);

  it('lists each run with who ran which version and what came out, the partner by display name', () => {
    render(<AttemptRunList me="u2" runs={[run(ada, 'hello\n'), run(linus, 'x'.repeat(10), { outcome: 'limit', limit: 'wall-time', stdoutTruncated: true })]} />);
    const items = screen.getAllByTestId('attempt-run');
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toContain('Run 1: Finished (exit 0) in 0.25 s');
    expect(items[0].textContent).toContain('by Ada L.');
    expect(items[0].textContent).toContain('code version 7');
    expect(items[1].textContent).toContain('Stopped by the time limit');
    expect(items[1].textContent).toContain('by you');
    expect(items[1].textContent).toContain('… output cut');
  });

  it('says so when the code was never run', () => {
    render(<AttemptRunList runs={[]} />);
    expect(screen.getByText('The code was not run in this session.')).toBeTruthy();
  });

  it('words a language switch with its author, or a deleted user', () => {
    const s = { t: 1, v: 2, user: 'u1', from: 'python', language: 'java' };
    expect(switchText(s, [ada, linus])).toBe('Python → Java, switched by Ada L.');
    expect(switchText({ ...s, user: null }, [ada, linus])).toBe('Python → Java, switched by deleted user');
  });
});
