import { EditorState, RangeSetBuilder, StateEffect, StateField } from '@codemirror/state';
import { Decoration, DecorationSet, EditorView, WidgetType } from '@codemirror/view';

export interface RemoteCursor {
  userId: string;
  name: string;
  anchor: number;
  head: number;
}

/** Places (or moves) a partner's cursor; positions are clamped to the document. */
export const setRemoteCursor = StateEffect.define<RemoteCursor>();
export const clearRemoteCursor = StateEffect.define<string>();

class CaretWidget extends WidgetType {
  // the position is part of the identity so that each move draws the caret afresh and its name label
  // shows again (it fades out when the partner rests)
  constructor(private readonly name: string, private readonly pos: number) {
    super();
  }

  eq(other: CaretWidget): boolean {
    return other.name === this.name && other.pos === this.pos;
  }

  toDOM(): HTMLElement {
    // the name is drawn by CSS from the attribute, so it never becomes part of the editor's text content
    const caret = document.createElement('span');
    caret.className = 'cm-remote-caret';
    caret.setAttribute('aria-hidden', 'true');
    caret.dataset.name = this.name;
    return caret;
  }

  ignoreEvent(): boolean {
    return true;
  }
}

function clamp(pos: number, state: EditorState): number {
  return Math.max(0, Math.min(Number.isFinite(pos) ? Math.floor(pos) : 0, state.doc.length));
}

/**
 * The partner's caret and selection. Positions follow every later change (local or remote), so a cursor
 * sent a moment before an edit still lands in the right place.
 */
export const remoteCursors = StateField.define<Map<string, RemoteCursor>>({
  create: () => new Map(),
  update(cursors, tr) {
    let next = cursors;
    if (tr.docChanged && cursors.size > 0) {
      next = new Map();
      cursors.forEach((c, id) => next.set(id, { ...c, anchor: tr.changes.mapPos(c.anchor, 1), head: tr.changes.mapPos(c.head, 1) }));
    }
    for (const effect of tr.effects) {
      if (effect.is(setRemoteCursor)) {
        next = new Map(next);
        next.set(effect.value.userId, { ...effect.value, anchor: clamp(effect.value.anchor, tr.state), head: clamp(effect.value.head, tr.state) });
      } else if (effect.is(clearRemoteCursor)) {
        next = new Map(next);
        next.delete(effect.value);
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.compute([field], (state) => decorations(state.field(field))),
});

function decorations(cursors: Map<string, RemoteCursor>): DecorationSet {
  const ranges: { from: number; to: number; deco: Decoration }[] = [];
  cursors.forEach((c) => {
    const from = Math.min(c.anchor, c.head);
    const to = Math.max(c.anchor, c.head);
    if (from < to) {
      ranges.push({ from, to, deco: Decoration.mark({ class: 'cm-remote-selection', attributes: { title: c.name } }) });
    }
    ranges.push({ from: c.head, to: c.head, deco: Decoration.widget({ widget: new CaretWidget(c.name, c.head), side: 1 }) });
  });
  ranges.sort((a, b) => a.from - b.from || a.to - b.to);
  const builder = new RangeSetBuilder<Decoration>();
  ranges.forEach((r) => builder.add(r.from, r.to, r.deco));
  return builder.finish();
}
