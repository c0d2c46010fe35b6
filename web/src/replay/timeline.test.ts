import { describe, expect, it } from 'vitest';
import { ChangeSet, Text } from '@codemirror/state';
import { CHECKPOINT, MAX_GAP_MS, Timeline, delayAfter, languageAt } from './timeline';
import type { Edit } from '../api/types';

/** Builds a log the way the editor would: each change made against the text before it. */
function logOf(steps: ((doc: Text) => ChangeSet)[], start = 1_000): { edits: Edit[]; texts: string[] } {
  let doc = Text.empty;
  const edits: Edit[] = [];
  const texts = [''];
  steps.forEach((step, i) => {
    const change = step(doc);
    doc = change.apply(doc);
    edits.push({ v: i + 1, t: start + i * 100, user: i % 2 ? 'u2' : 'u1', changes: change.toJSON() });
    texts.push(doc.toString());
  });
  return { edits, texts };
}

const insert = (at: (d: Text) => number, text: string) => (d: Text) => ChangeSet.of({ from: at(d), insert: text }, d.length);
const end = (d: Text) => d.length;

describe('replay timeline', () => {
  it('rebuilds every intermediate text from the edit log', () => {
    const { edits, texts } = logOf([
      insert(end, 'def f():\n'),
      insert(end, '    return 1'),
      (d) => ChangeSet.of({ from: d.length - 1, to: d.length, insert: '42' }, d.length),
      insert(() => 0, '# answer\n'),
    ]);
    const timeline = new Timeline('', edits);
    expect(timeline.length).toBe(4);
    texts.forEach((text, step) => expect(timeline.textAt(step)).toBe(text));
    expect(timeline.textAt(4)).toBe('# answer\ndef f():\n    return 42');
  });

  it('seeks across checkpoints to the same text as applying every edit', () => {
    const steps = Array.from({ length: CHECKPOINT * 2 + 37 }, (_, i) => insert((d) => (i % 3 === 0 ? 0 : d.length), String(i % 10)));
    const { edits, texts } = logOf(steps);
    const timeline = new Timeline('', edits);
    for (const step of [0, 1, CHECKPOINT - 1, CHECKPOINT, CHECKPOINT + 1, CHECKPOINT * 2 + 5, edits.length]) {
      expect(timeline.textAt(step)).toBe(texts[step]);
    }
  });

  it('clamps steps outside the log', () => {
    const { edits } = logOf([insert(end, 'a'), insert(end, 'b')]);
    const timeline = new Timeline('', edits);
    expect(timeline.textAt(-5)).toBe('');
    expect(timeline.textAt(99)).toBe('ab');
  });

  it('refuses a log whose change does not fit the text before it', () => {
    const broken: Edit[] = [
      { v: 1, t: 0, user: 'u1', changes: [[0, 'abc']] },
      { v: 2, t: 1, user: 'u1', changes: [10, [0, 'x']] },
    ];
    expect(() => new Timeline('', broken)).toThrow(/Edit 2/);
  });

  it('tells who made each step and when', () => {
    const { edits } = logOf([insert(end, 'a'), insert(end, 'b')], 5_000);
    const timeline = new Timeline('', edits);
    expect(timeline.authorAt(0)).toBeNull();
    expect(timeline.authorAt(1)).toBe('u1');
    expect(timeline.authorAt(2)).toBe('u2');
    expect(timeline.timeAt(2)).toBe(5_100);
  });

  it('spaces playback by the real pauses, shortened by speed and capped', () => {
    const edits: Edit[] = [
      { v: 1, t: 0, user: 'u1', changes: [[0, 'a']] },
      { v: 2, t: 400, user: 'u1', changes: [1, [0, 'b']] },
      { v: 3, t: 60_400, user: 'u1', changes: [2, [0, 'c']] },
    ];
    const timeline = new Timeline('', edits);
    expect(delayAfter(timeline, 1, 1)).toBe(400);
    expect(delayAfter(timeline, 1, 4)).toBe(100);
    expect(delayAfter(timeline, 2, 1)).toBe(MAX_GAP_MS);
    expect(delayAfter(timeline, 3, 1)).toBe(0);
  });

  it('finds the step that shows a version of the code, for runs and language switches', () => {
    const edits: Edit[] = [
      { v: 1, t: 0, user: 'starter-code', changes: [[0, 'a']] },
      { v: 2, t: 10, user: 'u1', changes: [1, [0, 'b']] },
      { v: 5, t: 20, user: 'u1', changes: [2, [0, 'c']] },
    ];
    const timeline = new Timeline('', edits);
    expect(timeline.versionAt(0)).toBe(0);
    expect(timeline.versionAt(2)).toBe(2);
    expect(timeline.versionAt(9)).toBe(5);
    expect(timeline.stepOfVersion(0)).toBe(0);
    expect(timeline.stepOfVersion(2)).toBe(2);
    expect(timeline.stepOfVersion(4)).toBe(2);
    expect(timeline.stepOfVersion(7)).toBe(3);
  });

  it('knows the language at each version from the start language and the switches made at or before it', () => {
    const switches = [{ v: 0, language: 'java' }, { v: 3, language: 'cpp' }];
    expect(languageAt('python', [], 9)).toBe('python');
    expect(languageAt('python', switches, 0)).toBe('java');
    expect(languageAt('python', switches, 2)).toBe('java');
    expect(languageAt('python', switches, 3)).toBe('cpp');
  });
});
