import type { ApiClient } from '../api/client';

export interface RunDiagnostic {
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

/** What the execution service reported for a run. */
export interface RunResult {
  outcome: 'ok' | 'error' | 'compile-error' | 'limit';
  phase: 'compile' | 'run';
  exitCode: number | null;
  signal: string | null;
  limit: string | null;
  stdout: string;
  stdoutTruncated: boolean;
  stderr: string;
  stderrTruncated: boolean;
  wallMs: number;
  cpuMs: number | null;
  peakMemoryKb: number | null;
  diagnostics: RunDiagnostic[];
}

/** A run of the session's code, as the collaboration service keeps and broadcasts it. */
export interface Run {
  runId: string;
  by: { id: string; username: string };
  language: string;
  version: number;
  stdin: string;
  startedAt: string;
  finishedAt?: string;
  code?: string;
  result?: RunResult;
  error?: string;
}

export interface SessionRuns {
  running: Run | null;
  runs: Run[];
}

export type RunEvent =
  | { kind: 'started'; run: Run }
  | { kind: 'finished'; run: Run }
  | { kind: 'failed'; run: Run };

/** The run event a socket frame carries, or null when the frame is about something else. */
export function runEvent(frame: Record<string, unknown>): RunEvent | null {
  const run = frame.run as Run | undefined;
  if (!run || typeof run.runId !== 'string') {
    return null;
  }
  switch (frame.type) {
    case 'run-started': return { kind: 'started', run };
    case 'run-finished': return { kind: 'finished', run };
    case 'run-failed': return { kind: 'failed', run };
    default: return null;
  }
}

export function runsApi(client: ApiClient, sessionId: string) {
  const path = `/sessions/${encodeURIComponent(sessionId)}/runs`;
  return {
    start: (stdin: string) => client.request<Run>('collaboration', path, { method: 'POST', json: { stdin } }),
    list: () => client.request<SessionRuns>('collaboration', path),
  };
}

const LIMITS: Record<string, string> = {
  'cpu-time': 'CPU time limit',
  'wall-time': 'time limit',
  memory: 'memory limit',
  processes: 'process limit',
  'file-size': 'file size limit',
  output: 'output limit',
};

/** One line that says how the run ended, for the output panel's heading. */
export function summary(result: RunResult): string {
  const time = `${(result.wallMs / 1000).toFixed(2)} s`;
  const memory = result.peakMemoryKb ? ` · ${(result.peakMemoryKb / 1024).toFixed(1)} MiB` : '';
  switch (result.outcome) {
    case 'ok': return `Finished (exit 0) in ${time}${memory}`;
    case 'compile-error': return 'Compilation failed';
    case 'limit': return `Stopped by the ${LIMITS[result.limit ?? ''] ?? 'a limit'} after ${time}`;
    default: return result.signal ? `Ended by ${result.signal} after ${time}` : `Exited with status ${result.exitCode} after ${time}${memory}`;
  }
}
