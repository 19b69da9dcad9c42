/**
 * Find's marks inside a cell's editor. The editors are made by CodeEditor, which find does not own, so
 * the field is added to a live editor with `appendConfig` the first time find marks something in it.
 */
import { EditorSelection, StateEffect, StateField, type Range } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

export interface EditorMarks {
  ranges: { from: number; to: number }[];
  /** Index into `ranges` of the current match, if it is in this editor. */
  current: number | null;
}

const setMarks = StateEffect.define<EditorMarks>();
const matchMark = Decoration.mark({ class: 'cm-find-match' });
const currentMark = Decoration.mark({ class: 'cm-find-match cm-find-current' });

const marksField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const e of tr.effects) if (e.is(setMarks)) return build(e.value, tr.state.doc.length);
    return marks.map(tr.changes);
  },
  provide: (f) => EditorView.decorations.from(f),
});

function build({ ranges, current }: EditorMarks, length: number): DecorationSet {
  const out: Range<Decoration>[] = [];
  ranges.forEach((r, i) => {
    // A zero-length match (`^`) has nothing to mark; the selection shows where it is.
    if (r.to > r.from && r.to <= length) out.push((i === current ? currentMark : matchMark).range(r.from, r.to));
  });
  return Decoration.set(out, true);
}

const installed = new WeakSet<EditorView>();

/** The editor inside a cell element, if the cell shows one. */
export function editorOfCell(cellId: string): EditorView | null {
  const dom = document.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(cellId)}"] .cm-editor`);
  return dom ? EditorView.findFromDOM(dom) : null;
}

/** Shows `marks` in the editor (replacing what find showed there before). */
export function markEditor(view: EditorView, marks: EditorMarks): void {
  if (!installed.has(view)) {
    if (marks.ranges.length === 0) return;
    installed.add(view);
    view.dispatch({ effects: [StateEffect.appendConfig.of(marksField), setMarks.of(marks)] });
    return;
  }
  view.dispatch({ effects: setMarks.of(marks) });
}

/** Puts the editor's selection on a match and scrolls it into view, without taking focus. */
export function selectInEditor(view: EditorView, from: number, to: number): void {
  const length = view.state.doc.length;
  view.dispatch({ selection: EditorSelection.single(Math.min(from, length), Math.min(to, length)), scrollIntoView: true });
}
