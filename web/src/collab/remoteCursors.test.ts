import { describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import { clearRemoteCursor, remoteCursors, setRemoteCursor } from './remoteCursors';

function stateWith(doc: string) {
  return EditorState.create({ doc, extensions: [remoteCursors] });
}

describe('remote cursors', () => {
  it('follows the partner through later edits before it', () => {
    let state = stateWith('hello world');
    state = state.update({ effects: setRemoteCursor.of({ userId: 'u2', name: 'linus', anchor: 6, head: 11 }) }).state;
    state = state.update({ changes: { from: 0, insert: '>> ' } }).state;
    expect(state.field(remoteCursors).get('u2')).toMatchObject({ anchor: 9, head: 14 });
  });

  it('clamps a position past the end of the document', () => {
    let state = stateWith('short');
    state = state.update({ effects: setRemoteCursor.of({ userId: 'u2', name: 'linus', anchor: 99, head: -3 }) }).state;
    expect(state.field(remoteCursors).get('u2')).toMatchObject({ anchor: 5, head: 0 });
  });

  it('forgets a cursor when it is cleared', () => {
    let state = stateWith('abc');
    state = state.update({ effects: setRemoteCursor.of({ userId: 'u2', name: 'linus', anchor: 1, head: 1 }) }).state;
    state = state.update({ effects: clearRemoteCursor.of('u2') }).state;
    expect(state.field(remoteCursors).size).toBe(0);
  });
});
