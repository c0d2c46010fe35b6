import { useEffect, useMemo, useState } from 'react';
import type { Language, Participant, Replay } from '../api/types';
import { CodeViewer } from '../components/CodeViewer';
import { Timeline, delayAfter } from '../replay/timeline';
import { ErrorNotice } from '../components/Feedback';

const SPEEDS = [0.5, 1, 2, 4, 8, 16];

/** Plays a session's edits back: a scrubber over every version, play/pause, and speed. */
/** The author the collaboration service gives the question's starter code, the first step of a replay. */
const STARTER_AUTHOR = 'starter-code';

export function ReplayPlayer({ replay, language, participants }: { replay: Replay; language: Language; participants: Participant[] }) {
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
      : participants.find((p) => p.id === author)?.username ?? 'deleted user';
  const at = timeline.timeAt(step);
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
      </p>
      <CodeViewer value={timeline.textAt(step)} language={language} label="Replay of the code" />
    </div>
  );
}
