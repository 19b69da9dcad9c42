/**
 * DuckDB's error context, the "LINE n: <text>" and "^" lines it appends to a message, read back into
 * an offset in the SQL it was given, and written again for another text (the analyst's own cell).
 * DuckDB gives no position through its API; the caret line is the only place it says where.
 */

/** A message split into DuckDB's words and, when it had one, the context that pointed into the SQL. */
export interface ErrorContext {
  /** The message without the LINE and caret lines. */
  detail: string;
  /** DuckDB's LINE number: 1-based, within the text it ran. */
  line: number;
  /** The line's text as shown, without the "..." DuckDB puts where it cut a long line. */
  snippet: string;
  /** Whether DuckDB cut the line's beginning (so the snippet starts somewhere inside it). */
  cutStart: boolean;
  /** Offset of the caret in `snippet`, in UTF-16 code units. */
  caret: number;
  /** The line's text exactly as shown, with any "..." DuckDB added, and the caret's offset in it. */
  shown: string;
  shownCaret: number;
}

const CONTEXT = /\n\n(LINE (\d+): )(\.\.\.)?([^\n]*)\n( *)\^$/;

export function splitErrorContext(message: string): ErrorContext | undefined {
  const m = CONTEXT.exec(message);
  if (!m) return undefined;
  const cutStart = m[3] !== undefined;
  const shown = (m[3] ?? '') + m[4];
  const shownCaret = offsetOfWidth(shown, m[5].length - m[1].length);
  let snippet = m[4];
  // The caret's column counts render widths from the start of the line indicator.
  const width = m[5].length - m[1].length - (cutStart ? 3 : 0);
  const caret = offsetOfWidth(snippet, width);
  // A cut end adds "..." after the text; the caret never points into it.
  if (snippet.endsWith('...') && caret <= snippet.length - 3) snippet = snippet.slice(0, -3);
  return { detail: message.slice(0, m.index), line: Number(m[2]), snippet, cutStart, caret, shown, shownCaret };
}

/** Where the context points in `sql` (the text DuckDB was given), or undefined when it cannot be found. */
export function locateErrorContext(sql: string, ctx: ErrorContext): number | undefined {
  const lines = sql.split('\n');
  const text = lines[ctx.line - 1];
  if (text === undefined) return undefined;
  const lineStart = lines.slice(0, ctx.line - 1).reduce((n, l) => n + l.length + 1, 0);
  // A line that itself begins with "..." reads like a cut one: when the text shown is the line's
  // beginning, it was shown from its start (a cut one starts inside the line and is over 80 wide).
  if (ctx.cutStart && [ctx.shown, ctx.shown.replace(/\.\.\.$/, '')].some((s) => text.startsWith(s))) return lineStart + ctx.shownCaret;
  // DuckDB shows a whole line from its start unless it cut it; a cut one is found in the line.
  const at = ctx.cutStart ? text.indexOf(ctx.snippet) : text.startsWith(ctx.snippet) ? 0 : -1;
  if (at < 0) return undefined;
  return lineStart + at + ctx.caret;
}

/** 1-based line and column (UTF-16 code units, as an editor counts) of an offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Text of at most this many render widths either side of the caret, as DuckDB shows. */
const HALF = 40;
/** A line this wide is shown whole: DuckDB cuts any over 80, which took "SELECT" off short lines. */
const WHOLE = 120;

/** The LINE and caret lines for `offset` in `text`, numbered by the text's own lines; a long line is cut around the caret. */
export function renderErrorContext(text: string, offset: number): string {
  const { line, column } = lineColumnAt(text, offset);
  const full = text.split('\n')[line - 1];
  const at = column - 1;
  const graphemes = [...segmenter.segment(full)].map((s) => ({ at: s.index, text: s.segment }));
  const found = graphemes.findIndex((g) => g.at >= at);
  const index = found === -1 ? graphemes.length : found;
  const whole = graphemes.reduce((w, g) => w + widthOf(g.text), 0) <= WHOLE;
  let from = 0;
  for (let i = index, w = 0; i > 0 && !whole; i--) {
    w += widthOf(graphemes[i]?.text ?? ' ');
    if (w >= HALF) {
      from = i;
      break;
    }
  }
  let to = graphemes.length;
  for (let i = index, w = 0; i < graphemes.length && !whole; i++) {
    if (w >= HALF) {
      to = i;
      break;
    }
    w += widthOf(graphemes[i].text);
  }
  const head = `LINE ${line}: ${from > 0 ? '...' : ''}`;
  const shown = graphemes
    .slice(from, to)
    .map((g) => g.text)
    .join('');
  const pad = graphemes.slice(from, index).reduce((w, g) => w + widthOf(g.text), 0);
  return `${head}${shown}${to < graphemes.length ? '...' : ''}\n${' '.repeat(head.length + pad)}^`;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** How many columns a grapheme takes in a terminal: two for wide East Asian characters and emoji. */
function widthOf(grapheme: string): number {
  const cp = grapheme.codePointAt(0) ?? 0;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

/** The UTF-16 offset in `text` at which `width` render columns have gone by. */
function offsetOfWidth(text: string, width: number): number {
  let w = 0;
  for (const s of segmenter.segment(text)) {
    if (w >= width) return s.index;
    w += widthOf(s.segment);
  }
  return text.length;
}
