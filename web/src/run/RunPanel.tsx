import { useCallback, useEffect, useState } from 'react';
import { client } from '../api';
import { ApiError } from '../api/problem';
import type { CollabSession } from '../collab/CollabSession';
import { useStore } from '../lib/store';
import { markProblems } from './marks';
import { Run, runEvent, runsApi, summary } from './runs';
import './run.css';

/**
 * Run button, input box and output panel of the room. Both partners see a run start (and who started
 * it) and its result, live, through the session's socket.
 */
export function RunPanel({ sessionId, collab }: { sessionId: string; collab: CollabSession }) {
  const view = useStore(collab.store);
  const [stdin, setStdin] = useState('');
  const [running, setRunning] = useState<Run | null>(null);
  const [last, setLast] = useState<Run | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const api = runsApi(client, sessionId);

  const show = useCallback((run: Run) => {
    setRunning(null);
    setLast(run);
    markProblems(collab.editor, run.result?.outcome === 'compile-error' || run.result?.outcome === 'error' ? run.result.diagnostics : []);
  }, [collab]);

  useEffect(() => {
    let live = true;
    runsApi(client, sessionId).list().then((r) => {
      if (live) {
        setRunning(r.running);
        setLast(r.runs.length ? r.runs[r.runs.length - 1] : null);
      }
    }).catch(() => undefined);
    const stop = collab.onFrame((frame) => {
      const event = runEvent(frame);
      if (event?.kind === 'started') {
        setRunning(event.run);
        setMessage(null);
      } else if (event) {
        show(event.run);
      }
    });
    return () => {
      live = false;
      stop();
    };
  }, [collab, sessionId, show]);

  const run = async () => {
    setAsking(true);
    setMessage(null);
    try {
      show(await api.start(stdin));
    } catch (e) {
      setMessage(refusal(e));
    } finally {
      setAsking(false);
    }
  };

  const busy = asking || running !== null;
  const me = view.me?.id;
  return (
    <div className="run-panel" role="region" aria-label="Run">
      <div className="run-controls">
        <button type="button" className="button button-primary" data-testid="run-button" onClick={run}
          disabled={busy || Boolean(view.ended) || !view.synced}>
          {busy ? 'Running…' : 'Run'}
        </button>
        <label htmlFor="run-stdin" className="inline-label">Input</label>
        <textarea id="run-stdin" className="run-stdin" rows={2} value={stdin} placeholder="stdin for the program (optional)"
          onChange={(e) => setStdin(e.target.value)} data-testid="run-stdin" />
      </div>
      <div aria-live="polite" data-testid="run-status" className="run-status">
        {running && <span><span className="spinner" aria-hidden="true" /> Run started by {running.by.id === me ? 'you' : running.by.username}…</span>}
        {message && <span className="run-refused" role="alert">{message}</span>}
      </div>
      {last && !running && <RunOutput run={last} me={me} />}
    </div>
  );
}

function RunOutput({ run, me }: { run: Run; me?: string }) {
  const who = run.by.id === me ? 'you' : run.by.username;
  if (!run.result) {
    return <p className="run-refused" data-testid="run-output">The run by {who} did not happen: {run.error}</p>;
  }
  const r = run.result;
  return (
    <div className={`run-output run-${r.outcome}`} data-testid="run-output">
      <p className="run-summary"><strong>{summary(r)}</strong> <span className="muted">· run by {who}</span></p>
      {r.outcome === 'compile-error' && r.diagnostics.length > 0 && (
        <ul className="run-diagnostics">
          {r.diagnostics.map((d, i) => <li key={i}>Line {d.line}{d.column ? `:${d.column}` : ''}: {d.message}</li>)}
        </ul>
      )}
      <pre className="run-stdout" data-testid="run-stdout">{r.stdout}{r.stdoutTruncated ? '\n… output cut at the limit' : ''}</pre>
      {r.stderr && <pre className="run-stderr" data-testid="run-stderr">{r.stderr}{r.stderrTruncated ? '\n… output cut at the limit' : ''}</pre>}
    </div>
  );
}

/** The service's own words: a run going on (who), the quota spent, the runner busy (and for how long). */
function refusal(e: unknown): string {
  return e instanceof ApiError ? e.message : 'The run could not be started. Try again.';
}
