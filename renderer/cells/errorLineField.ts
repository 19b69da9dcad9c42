/**
 * Marks where an error points until the user edits the cell: its line, and for a SQL error the word
 * at its column (the unknown column, the misspelt table), underlined and titled with the error.
 *
 * While the cell runs again keeping its outputs (a live re-run), the mark is the last run's, no longer
 * known to be true: it is drawn stale (faint, dotted, no red line) and says so in its title, until the
 * new result replaces it (its own error's mark, or none).
 */
import { StateEffect, StateField, type Text } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

export interface ErrorAt {
  /** 1-based line in the cell. */
  line: number;
  /** 1-based column in that line (UTF-16 code units), when the error points at one. */
  column?: number;
  /** What the mark's tooltip says: the error's first line. */
  title?: string;
  /** The cell is running again: the error is the previous run's. */
  stale?: boolean;
}

export const STALE_NOTE = 'From the previous run; the cell is running again';

export const setErrorLine = StateEffect.define<ErrorAt | null>();

const errorLineDeco = Decoration.line({ class: 'cm-error-line' });
const staleLineDeco = Decoration.line({ class: 'cm-error-line cm-error-stale' });

export const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    let next = tr.docChanged ? Decoration.none : deco.map(tr.changes);
    for (const e of tr.effects) if (e.is(setErrorLine)) next = decorationsFor(tr.state.doc, e.value);
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

function decorationsFor(doc: Text, at: ErrorAt | null): DecorationSet {
  if (!at || at.line < 1 || at.line > doc.lines) return Decoration.none;
  const line = doc.line(at.line);
  const ranges = [(at.stale ? staleLineDeco : errorLineDeco).range(line.from)];
  if (at.column !== undefined && at.column >= 1 && at.column <= line.length) {
    const from = at.column - 1;
    const to = wordEnd(line.text, from);
    const title = at.title ?? 'The error points here';
    const mark = Decoration.mark({
      class: at.stale ? 'cm-error-mark cm-error-stale' : 'cm-error-mark',
      attributes: {
        title: at.stale ? `${STALE_NOTE}. ${title}` : title,
        'data-testid': 'error-mark',
        'data-stale': String(Boolean(at.stale)),
      },
    });
    ranges.push(mark.range(line.from + from, line.from + to));
  }
  return Decoration.set(ranges);
}

/**
 * Where the SQL word starting at `from` ends: a name, dotted or in double quotes (`o.amout`,
 * `"Orders".id`); a single character when the error points at punctuation, so the mark still shows.
 */
export function wordEnd(text: string, from: number): number {
  let i = from;
  for (;;) {
    const start = i;
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      i = close < 0 ? text.length : close + 1;
    } else {
      while (i < text.length && /[\p{L}\p{N}_$]/u.test(text[i])) i++;
    }
    if (i === start || text[i] !== '.' || !/["\p{L}_]/u.test(text[i + 1] ?? '')) break;
    i++;
  }
  return i > from ? i : Math.min(from + 1, text.length);
}
