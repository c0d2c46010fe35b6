import type { AttemptRun, AttemptRunResult, LanguageSwitch, Participant, RunResult } from '../api/types';
import { LANGUAGES } from '../api/types';
import { formatTime } from '../lib/format';
import { personName } from '../lib/people';
import { summary } from '../run/runs';
import '../run/run.css';
import './history.css';

/** A language's name as the editor's picker shows it. */
export function languageLabel(id: string): string {
  return LANGUAGES.find((l) => l.id === id)?.label ?? id;
}

/** One line that says how a kept run ended, worded as the room's output panel words it. */
export function runSummary(result: AttemptRunResult): string {
  return summary({
    ...result,
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    limit: (result.limit ?? null) as RunResult['limit'],
    wallMs: result.wallMs ?? 0,
    cpuMs: result.cpuMs ?? null,
    peakMemoryKb: result.peakMemoryKb ?? null,
    phase: result.phase ?? 'run',
    stdout: result.stdout ?? '',
    stdoutTruncated: result.stdoutTruncated ?? false,
    stderr: result.stderr ?? '',
    stderrTruncated: result.stderrTruncated ?? false,
    diagnostics: [],
  });
}

/** "you", or the participant as the app names them. */
export function who(person: Participant | undefined | null, me?: string): string {
  return person?.id && person.id === me ? 'you' : personName(person, 'deleted user');
}

/** The runs of an attempt, oldest first: who ran which version, with what input, and what came out. */
export function AttemptRunList({ runs, me }: { runs: AttemptRun[]; me?: string }) {
  if (runs.length === 0) {
    return <p className="muted">The code was not run in this session.</p>;
  }
  return (
    <ol className="attempt-runs" aria-label="Runs">
      {runs.map((run, i) => <li key={run.runId}><RunRecord run={run} index={i + 1} me={me} /></li>)}
    </ol>
  );
}

export function RunRecord({ run, index, me }: { run: AttemptRun; index: number; me?: string }) {
  const r = run.result;
  return (
    <article className={`run-output run-${r.outcome}`} data-testid="attempt-run">
      <h3 className="run-summary">Run {index}: {runSummary(r)}</h3>
      <p className="muted">
        by {who(run.by, me)} at <time dateTime={run.startedAt}>{formatTime(run.startedAt)}</time>
        {' · '}{languageLabel(run.language)} · code version {run.version}
      </p>
      {run.stdin && <pre className="run-stdin-shown" aria-label="Input">{run.stdin}{run.stdinTruncated ? '\n… input cut' : ''}</pre>}
      <pre className="run-stdout" aria-label="Output">{r.stdout || '(no output)'}{r.stdoutTruncated ? '\n… output cut' : ''}</pre>
      {r.stderr && <pre className="run-stderr" aria-label="Errors">{r.stderr}{r.stderrTruncated ? '\n… output cut' : ''}</pre>}
    </article>
  );
}

/** "switched from Python to Java by ada" */
export function switchText(s: LanguageSwitch, participants: Participant[], me?: string): string {
  const by = participants.find((p) => p.id !== null && p.id === s.user);
  return `${languageLabel(s.from)} → ${languageLabel(s.language)}, switched by ${who(by, me)}`;
}
