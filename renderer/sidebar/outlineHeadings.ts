/**
 * The notebook's outline: the #, ## and ### headings of its markdown cells, in order. Lines inside
 * fenced code blocks (``` or ~~~) are code, not headings, so a `# comment` there stays out.
 */
import type { Cell } from '../../kernel/protocol/notebook';

export interface OutlineHeading {
  cellId: string;
  level: 1 | 2 | 3;
  text: string;
}

const ATX = /^ {0,3}(#{1,3})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function outlineHeadings(cells: readonly Cell[]): OutlineHeading[] {
  const out: OutlineHeading[] = [];
  for (const cell of cells) {
    if (cell.type !== 'markdown') continue;
    let fence: string | null = null;
    for (const line of cell.source.split(/\r?\n/)) {
      const f = FENCE.exec(line);
      if (fence) {
        // A fence closes with the same character, at least as long, and nothing after it.
        if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = null;
        continue;
      }
      if (f) {
        fence = f[1];
        continue;
      }
      const h = ATX.exec(line);
      const text = h ? plainText(h[2] ?? '') : '';
      if (h && text) out.push({ cellId: cell.id, level: h[1].length as 1 | 2 | 3, text });
    }
  }
  return out;
}

/** Heading text without its inline markup: `**bold**`, `code`, [links](url). */
function plainText(md: string): string {
  return md
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2')
    .trim();
}

/** The index of the heading whose section holds the cell (the last heading at or above it), or -1. */
export function sectionOf(headings: readonly OutlineHeading[], cells: readonly Cell[], cellId: string): number {
  const at = cells.findIndex((c) => c.id === cellId);
  if (at < 0) return -1;
  const order = new Map(cells.map((c, i) => [c.id, i]));
  let found = -1;
  headings.forEach((h, i) => {
    if ((order.get(h.cellId) ?? Infinity) <= at) found = i;
  });
  return found;
}
