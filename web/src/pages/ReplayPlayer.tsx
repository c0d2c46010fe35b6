import { useEffect, useMemo, useState } from 'react';
import type { Language, Participant, Replay } from '../api/types';
import { CodeViewer } from '../components/CodeViewer';
import { Timeline, delayAfter, languageAt } from '../replay/timeline';
import { ErrorNotice } from '../components/Feedback';
import { RunRecord, languageLabel, switchText, who as whoIs, runSummary } from '../history/AttemptRuns';
import { personName } from '../lib/people';

const SPEEDS = [0.5, 1, 2, 4, 8, 16];

/** The author the collaboration service gives the question's starter code, the first step of a replay. */
const STARTER_AUTHOR = 'starter-code';

/**
 * Plays a session's edits back: a scrubber over every version, play/pause, and speed. The language
 * switches and the runs appear at their point in time (the version of the code they happened on), and
 * each can be jumped to.
 */
export function ReplayPlayer({ replay, language, participants, me }: { replay: Replay; language: Language; participants: Participant[]; me?: string }) {
  const built = useMemo(() => {
    try {
      return { timeline: new Timeline(replay.initialText, replay.edits), error: null };
    } catch (e) {
      return { timeline: null, error: e };
    }
  }, [replay]);
  const timeline = built.timeline;
  const [step, setStep] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(4);

  useEffect(() => {
    if (!playing || !timeline) {
      return undefined;
    }
    if (step >= timeline.length) {
      setPlaying(false);
      return undefined;
    }
    const timer = setTimeout(() => setStep((s) => s + 1), delayAfter(timeline, step, speed));
    return () => clearTimeout(timer);
  }, [playing, step, speed, timeline]);

  if (!timeline) {
    return <ErrorNotice error={built.error} title="This replay cannot be shown." />;
  }
  if (timeline.length === 0) {
    return <p className="muted">Nothing was typed in this session, so there is nothing to replay.</p>;
  }

  const author = timeline.authorAt(step);
  const who = author === null ? null
    : author === STARTER_AUTHOR ? 'the starter code'
      : personName(participants.find((p) => p.id === author), 'deleted user');
  const at = timeline.timeAt(step);
  const version = timeline.versionAt(step);
  const switches = replay.languageSwitches ?? [];
  const runs = replay.runs ?? [];
  const shownLanguage = languageAt(replay.initialLanguage ?? language, switches, version) as Language;
  const runsHere = runs.map((run, i) => ({ run, index: i + 1 })).filter(({ run }) => timeline.stepOfVersion(run.version) === step);
  const switchesHere = switches.filter((s) => timeline.stepOfVersion(s.v) === step);
  const togglePlay = () => {
    if (!playing && step >= timeline.length) {
      setStep(0);
    }
    setPlaying(!playing);
  };

  return (
    <div className="replay">
      <div className="replay-controls">
        <button type="button" className="button button-primary" onClick={togglePlay} aria-pressed={playing}>
          {playing ? 'Pause' : step >= timeline.length ? 'Replay from the start' : 'Play'}
        </button>
        <label htmlFor="replay-step" className="visually-hidden">Position in the replay</label>
        <input id="replay-step" className="scrubber" type="range" min={0} max={timeline.length} step={1} value={step}
          onChange={(e) => { setPlaying(false); setStep(Number(e.target.value)); }}
          aria-valuetext={`Edit ${step} of ${timeline.length}`} />
        <label htmlFor="replay-speed" className="inline-label">Speed</label>
        <select id="replay-speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
        </select>
      </div>
      <p className="replay-position muted" aria-live="off" data-testid="replay-position">
        Edit {step} of {timeline.length}
        {who && ` · by ${who}`}
        {at && step > 0 && ` · ${new Date(at).toLocaleTimeString()}`}
        {` · ${languageLabel(shownLanguage)}`}
      </p>
      {(runs.length > 0 || switches.length > 0) && (
        <ul className="replay-moments" aria-label="Runs and language switches">
          {[...switches.map((s) => ({ t: s.t, v: s.v, key: `switch-${s.t}-${s.language}`, text: switchText(s, participants, me) })),
            ...runs.map((run, i) => ({ t: Date.parse(run.startedAt), v: run.version, key: run.runId, text: `Run ${i + 1} by ${whoIs(run.by, me)}: ${runSummary(run.result)}` }))]
            .sort((x, y) => x.t - y.t)
            .map((m) => (
              <li key={m.key}>
                <button type="button" className="button button-small" aria-pressed={timeline.stepOfVersion(m.v) === step}
                  onClick={() => { setPlaying(false); setStep(timeline.stepOfVersion(m.v)); }}>{m.text}</button>
              </li>
            ))}
        </ul>
      )}
      <div aria-live="polite" data-testid="replay-moment">
        {switchesHere.map((s) => <p key={`${s.t}-${s.language}`} className="replay-moment">Language: {switchText(s, participants, me)}</p>)}
        {runsHere.map(({ run, index }) => <div key={run.runId} className="replay-moment"><RunRecord run={run} index={index} me={me} /></div>)}
      </div>
      <CodeViewer value={timeline.textAt(step)} language={shownLanguage} label="Replay of the code" />
    </div>
  );
}
