/**
 * Text that grows by appending and stays within a cap, the way Jupyter front ends treat a chatty
 * cell: the first lines and the last lines are kept, the middle is replaced by one marker line that
 * says how much was cut. Appending costs time linear in the appended chunk, whatever came before, so
 * 50,000 `console.log` calls cost 50,000 small appends rather than 50,000 copies of a growing string.
 */
import { formatCutMarker, parseCutMarker, utf8Bytes, type Cut } from './cutMarker';

export interface TextCap {
  headLines: number;
  headChars: number;
  tailLines: number;
  tailChars: number;
}

/**
 * About 1 MB of ASCII at most, 5,000 lines at each end: enough to read a log's start and its end,
 * small enough for the window to lay out in one frame and for a saved notebook to stay reviewable.
 */
export const STREAM_CAP: TextCap = { headLines: 5_000, headChars: 500_000, tailLines: 5_000, tailChars: 500_000 };

function countLines(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** `at`, moved back by one if it would split a surrogate pair (a character outside the BMP). */
function safeCut(s: string, at: number): number {
  const c = s.charCodeAt(at - 1);
  return at > 0 && at < s.length && c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}

/** How much of `chunk` a head already holding `lines` lines and `chars` chars takes, and whether it is then full. */
function headTake(chunk: string, lines: number, chars: number, cap: TextCap): { end: number; full: boolean } {
  const maxEnd = Math.min(chunk.length, cap.headChars - chars);
  if (lines >= cap.headLines || maxEnd <= 0) return { end: 0, full: true };
  for (let nl = chunk.indexOf('\n'); nl >= 0 && nl < maxEnd; nl = chunk.indexOf('\n', nl + 1)) {
    if (++lines === cap.headLines) return { end: nl + 1, full: true };
  }
  return maxEnd < chunk.length ? { end: safeCut(chunk, maxEnd), full: true } : { end: chunk.length, full: false };
}

export class CappedText {
  private head = '';
  private headLines = 0;
  private headFull = false;
  /** The tail as the chunks it arrived in; `first` and `offset` say where it starts. */
  private tail: string[] = [];
  private first = 0;
  private offset = 0;
  private tailChars = 0;
  private tailLines = 0;
  private cut: Cut = { lines: 0, bytes: 0 };

  constructor(private readonly cap: TextCap = STREAM_CAP) {}

  /**
   * The state a text stands for. A text this class wrote, marker included, reads back as its head,
   * its cut and its tail, so capping it again changes nothing and appending continues the count.
   */
  static from(text: string, cap: TextCap = STREAM_CAP): CappedText {
    const t = new CappedText(cap);
    const { end, full } = headTake(text, 0, 0, cap);
    const markerAt = full && text[end] === '\n' && text[end - 1] !== '\n' ? end + 1 : end;
    const lineEnd = text.indexOf('\n', markerAt);
    const cut = full && lineEnd >= 0 ? parseCutMarker(text.slice(markerAt, lineEnd)) : null;
    if (!cut) {
      t.append(text);
      return t;
    }
    t.head = text.slice(0, end);
    t.headLines = countLines(t.head);
    t.headFull = true;
    t.cut = cut;
    t.pushTail(text.slice(lineEnd + 1));
    return t;
  }

  append(chunk: string): void {
    if (chunk === '') return;
    if (!this.headFull) {
      const { end, full } = headTake(chunk, this.headLines, this.head.length, this.cap);
      this.head += end === chunk.length ? chunk : chunk.slice(0, end);
      this.headLines += countLines(chunk, 0, end);
      this.headFull = full;
      if (end === chunk.length) return;
      chunk = chunk.slice(end);
    }
    this.pushTail(chunk);
  }

  /** The lines and bytes cut so far (zero while everything fits). */
  get cutSoFar(): Cut {
    return { ...this.cut };
  }

  /** The text to show or store: head, the marker line if anything was cut, tail. */
  text(): string {
    const tail = this.tail.slice(this.first);
    if (tail.length) tail[0] = tail[0].slice(this.offset);
    if (this.cut.lines === 0 && this.cut.bytes === 0) return this.head + tail.join('');
    const gap = this.head.endsWith('\n') ? '' : '\n';
    return `${this.head}${gap}${formatCutMarker(this.cut)}\n${tail.join('')}`;
  }

  private pushTail(chunk: string): void {
    if (chunk === '') return;
    this.tail.push(chunk);
    this.tailChars += chunk.length;
    this.tailLines += countLines(chunk);
    while (this.tailLines > this.cap.tailLines) this.dropThrough(this.indexOfNewline(0));
    if (this.tailChars > this.cap.tailChars) {
      // Start the tail at a line's start, unless its first line alone is over the budget.
      const excess = this.tailChars - this.cap.tailChars;
      const nl = this.indexOfNewline(excess - 1);
      this.dropThrough(nl >= 0 ? nl : this.safeTailCut(excess) - 1);
    }
    if (this.first > 1024 && this.first * 2 > this.tail.length) {
      this.tail = this.tail.slice(this.first);
      this.first = 0;
    }
  }

  /** Position (counted from the tail's start) of the first newline at or after `from`, or -1. */
  private indexOfNewline(from: number): number {
    let base = 0;
    for (let i = this.first; i < this.tail.length; i++) {
      const start = i === this.first ? this.offset : 0;
      const len = this.tail[i].length - start;
      if (from < base + len) {
        const at = this.tail[i].indexOf('\n', start + Math.max(0, from - base));
        if (at >= 0) return base + at - start;
      }
      base += len;
    }
    return -1;
  }

  /** `excess` moved forward past a split surrogate pair, counted from the tail's start. */
  private safeTailCut(excess: number): number {
    let base = 0;
    for (let i = this.first; i < this.tail.length; i++) {
      const start = i === this.first ? this.offset : 0;
      const len = this.tail[i].length - start;
      if (excess < base + len) {
        const c = this.tail[i].charCodeAt(start + excess - base);
        return c >= 0xdc00 && c <= 0xdfff ? excess + 1 : excess;
      }
      base += len;
    }
    return excess;
  }

  /** Moves the tail's first `pos + 1` characters into the cut. */
  private dropThrough(pos: number): void {
    let n = pos + 1;
    while (n > 0 && this.first < this.tail.length) {
      const chunk = this.tail[this.first];
      const take = Math.min(n, chunk.length - this.offset);
      const piece = chunk.slice(this.offset, this.offset + take);
      this.cut.lines += countLines(piece);
      this.cut.bytes += utf8Bytes(piece);
      this.tailChars -= take;
      this.tailLines -= countLines(piece);
      n -= take;
      if (this.offset + take === chunk.length) {
        this.first++;
        this.offset = 0;
      } else this.offset += take;
    }
  }
}
