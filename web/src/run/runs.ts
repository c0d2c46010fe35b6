import type { ApiClient } from '../api/client';
import type { RunDiagnostic, RunResult } from '../api/types';
import type { CollabServerFrame } from '../collab/frames';
import {
  JsonObject, Person, bool, isObject, list, num, numOrNull, objectAt, oneOf, optNum, person, str, strOrNull,
} from '../realtime/decode';

/** What the execution service reported for a run (its document's `RunResult`). */
export type { RunDiagnostic, RunResult };

/** A run of the session's code, as the collaboration service keeps and broadcasts it. */
export interface Run {
  runId: string;
  by: Person;
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

const OUTCOMES = ['ok', 'error', 'compile-error', 'limit'] as const;
const LIMIT_KINDS = ['cpu-time', 'wall-time', 'memory', 'processes', 'file-size', 'output'] as const;

function decodeDiagnostic(value: unknown, index: number): RunDiagnostic {
  const o = objectAt(value, index, 'diagnostics');
  return { line: num(o, 'line'), column: num(o, 'column'), severity: oneOf(o, 'severity', ['error', 'warning'] as const), message: str(o, 'message') };
}

/** What the execution service reported, as the collaboration service passes it on. */
export function decodeResult(o: JsonObject): RunResult {
  return {
    outcome: oneOf(o, 'outcome', OUTCOMES), phase: oneOf(o, 'phase', ['compile', 'run'] as const),
    exitCode: numOrNull(o, 'exitCode'), signal: strOrNull(o, 'signal'),
    limit: o.limit === null || o.limit === undefined ? null : oneOf(o, 'limit', LIMIT_KINDS),
    stdout: str(o, 'stdout'), stdoutTruncated: bool(o, 'stdoutTruncated'), stderr: str(o, 'stderr'),
    stderrTruncated: bool(o, 'stderrTruncated'), wallMs: num(o, 'wallMs'), cpuMs: numOrNull(o, 'cpuMs'),
    peakMemoryKb: numOrNull(o, 'peakMemoryKb'), diagnostics: list(o, 'diagnostics', decodeDiagnostic),
    language: strOrNull(o, 'language') ?? undefined, queuedMs: optNum(o, 'queuedMs'),
  };
}

/** A run as the session's frames and the list of runs carry it. */
export function decodeRun(o: JsonObject): Run {
  const run: Run = {
    runId: str(o, 'runId'), by: person(o.by, 'by'), language: str(o, 'language'), version: num(o, 'version'),
    stdin: strOrNull(o, 'stdin') ?? '', startedAt: str(o, 'startedAt'),
  };
  const finishedAt = strOrNull(o, 'finishedAt');
  const error = strOrNull(o, 'error');
  if (finishedAt !== null) {
    run.finishedAt = finishedAt;
  }
  if (error !== null) {
    run.error = error;
  }
  const code = strOrNull(o, 'code');
  if (code !== null) {
    run.code = code;
  }
  if (isObject(o.result)) {
    run.result = decodeResult(o.result);
  }
  return run;
}

/** The run event a socket frame carries, or null when the frame is about something else. */
export function runEvent(frame: CollabServerFrame): RunEvent | null {
  switch (frame.type) {
    case 'run-started': return { kind: 'started', run: frame.run };
    case 'run-finished': return { kind: 'finished', run: frame.run };
    case 'run-failed': return { kind: 'failed', run: frame.run };
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
