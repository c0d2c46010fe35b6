import { ChangeSet, Text } from '@codemirror/state';
import type { Edit } from '../api/types';

/** Texts are kept every CHECKPOINT edits, so seeking anywhere replays at most that many changes. */
export const CHECKPOINT = 200;

/**
 * Every intermediate text of a session, rebuilt from its edit log. Step 0 is the initial text, step n
 * the text after the n-th edit. Each edit's `changes` is CodeMirror's ChangeSet JSON, applied in order.
 */
export class Timeline {
  private readonly changes: ChangeSet[];
  private readonly checkpoints: Text[] = [];

  constructor(initialText: string, readonly edits: Edit[]) {
    this.changes = edits.map((e, i) => {
      try {
        return ChangeSet.fromJSON(e.changes);
      } catch {
        throw new Error(`Edit ${i + 1} of the replay cannot be read.`);
      }
    });
    let doc = Text.of(initialText.split(/\r\n?|\n/));
    this.checkpoints.push(doc);
    this.changes.forEach((c, i) => {
      if (c.length !== doc.length) {
        throw new Error(`Edit ${i + 1} of the replay does not fit the text before it.`);
      }
      doc = c.apply(doc);
      if ((i + 1) % CHECKPOINT === 0) {
        this.checkpoints.push(doc);
      }
    });
  }

  /** How many steps the scrubber has (edits, not counting the initial text). */
  get length(): number {
    return this.changes.length;
  }

  textAt(step: number): string {
    const target = Math.max(0, Math.min(step, this.length));
    const base = Math.floor(target / CHECKPOINT);
    let doc = this.checkpoints[base];
    for (let i = base * CHECKPOINT; i < target; i++) {
      doc = this.changes[i].apply(doc);
    }
    return doc.toString();
  }

  /** Epoch milliseconds of the edit that produced a step; the first edit's time for step 0. */
  timeAt(step: number): number | null {
    if (this.edits.length === 0) {
      return null;
    }
    return this.edits[Math.max(0, Math.min(step, this.length) - 1)].t;
  }

  /** The version of the code a step shows: the version its edit produced, 0 for the initial text. */
  versionAt(step: number): number {
    return step <= 0 || this.edits.length === 0 ? 0 : this.edits[Math.min(step, this.length) - 1].v;
  }

  /** The step that shows a version of the code: the last step at or before it. */
  stepOfVersion(version: number): number {
    let step = 0;
    while (step < this.length && this.edits[step].v <= version) {
      step++;
    }
    return step;
  }

  authorAt(step: number): string | null {
    return step <= 0 || step > this.length ? null : this.edits[step - 1].user;
  }
}

/** Longest pause a replay keeps between two edits: silences of minutes are not worth watching. */
export const MAX_GAP_MS = 1500;

/** How long to wait before showing the step after `step`, at the given speed. */
export function delayAfter(timeline: Timeline, step: number, speed: number): number {
  if (step >= timeline.length) {
    return 0;
  }
  const here = timeline.timeAt(step) ?? 0;
  const next = timeline.edits[step].t;
  const gap = Math.min(Math.max(next - here, 0), MAX_GAP_MS);
  return Math.max(16, gap / speed);
}

/** The language the code is in at a version: the start language, then each switch made at or before it. */
export function languageAt(initial: string, switches: { v: number; language: string }[], version: number): string {
  let language = initial;
  for (const s of switches) {
    if (s.v <= version) {
      language = s.language;
    }
  }
  return language;
}
