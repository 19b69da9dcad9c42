/**
 * A stream output's text as blocks of lines for the DOM. The browser lays out a block it has seen
 * before for free, so appending to a 10,000-line output re-lays one block, not the whole <pre>.
 * Blocks are keyed by their absolute line number (the tail continues after the lines the marker says
 * were cut), so a tail that loses lines at its top keeps the keys, and the layout, of the rest.
 */
import { findCutMarker, parseCutMarker } from '../../common/cutMarker';

export interface StreamBlock {
  key: string;
  text: string;
  /** The marker line "… N lines (X MB) cut …". */
  cut?: true;
}

const LINES_PER_BLOCK = 200;

function grouped(text: string, firstLine: number, prefix: string): StreamBlock[] {
  if (text === '') return [];
  const blocks: StreamBlock[] = [];
  let start = 0;
  let line = firstLine;
  while (start < text.length) {
    // Up to the end of the block this line falls in.
    let end = start;
    const stop = (Math.floor(line / LINES_PER_BLOCK) + 1) * LINES_PER_BLOCK;
    for (; line < stop && end < text.length; line++) {
      const nl = text.indexOf('\n', end);
      end = nl < 0 ? text.length : nl + 1;
    }
    blocks.push({ key: `${prefix}${Math.floor((line - 1) / LINES_PER_BLOCK)}`, text: text.slice(start, end) });
    start = end;
  }
  return blocks;
}

export function streamBlocks(text: string): StreamBlock[] {
  const marker = findCutMarker(text);
  if (!marker) return grouped(text, 0, 'b');
  const head = text.slice(0, marker.start);
  const markerLine = text.slice(marker.start, marker.end);
  const headLines = head.split('\n').length - 1;
  const cut = parseCutMarker(markerLine)!;
  // The tail's keys have their own prefix: when the head was cut by size mid-line and few lines were
  // cut, its last block and the tail's first can fall in the same group of line numbers.
  return [
    ...grouped(head, 0, 'b'),
    { key: 'cut', text: `${markerLine}\n`, cut: true },
    ...grouped(text.slice(marker.end + 1), headLines + cut.lines, 't'),
  ];
}
