/**
 * Find's marks in printed text and error outputs, drawn with the CSS Custom Highlight API so the
 * output views (which find does not own) need no change. A cell's output matches are counted in
 * the order the page shows them, which is the order findMatches lists them in.
 */
import { matchesIn } from './findMatches';

const ALL = 'silt-find';
const CURRENT = 'silt-find-current';

interface HighlightRegistry {
  set(name: string, h: unknown): void;
  delete(name: string): void;
  get(name: string): Set<Range> | undefined;
}
declare const Highlight: { new (...ranges: Range[]): Set<Range> };

function registry(): HighlightRegistry | null {
  const css = CSS as unknown as { highlights?: HighlightRegistry };
  return css.highlights && typeof Highlight === 'function' ? css.highlights : null;
}

/** Ranges of `re`'s non-empty matches in an element's text, across its text nodes. */
function rangesIn(el: Element, re: RegExp): Range[] {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n as Text);
    starts.push(text.length);
    text += (n as Text).data;
  }
  const at = (pos: number): [Text, number] => {
    let i = starts.length - 1;
    while (i > 0 && starts[i] > pos) i--;
    return [nodes[i], pos - starts[i]];
  };
  return matchesIn(text, re)
    .filter((m) => m.to > m.from)
    .map((m) => {
      const r = document.createRange();
      r.setStart(...at(m.from));
      r.setEnd(...at(m.to));
      return r;
    });
}

/** Marks every match in the outputs of `cellIds`; `current` is the nth output match of its cell. */
export function markOutputs(re: RegExp | null, cellIds: Iterable<string>, current: { cellId: string; nth: number } | null): void {
  const api = registry();
  if (!api) return;
  if (!re) {
    api.delete(ALL);
    api.delete(CURRENT);
    return;
  }
  const all = new Highlight();
  const cur = new Highlight();
  for (const cellId of cellIds) {
    const cell = `[data-cell-id="${CSS.escape(cellId)}"]`;
    const els = document.querySelectorAll(`${cell} [data-testid="stream-output"], ${cell} [data-testid="error-output"]`);
    let n = 0;
    for (const el of els) {
      for (const r of rangesIn(el, re)) {
        all.add(r);
        if (current?.cellId === cellId && current.nth === n) cur.add(r);
        n++;
      }
    }
  }
  api.set(ALL, all);
  api.set(CURRENT, cur);
}

/** Scrolls the current output mark into view, if there is one. */
export function revealCurrentOutputMark(): boolean {
  const range = registry()?.get(CURRENT)?.values().next().value as Range | undefined;
  const el = range?.startContainer.parentElement;
  if (!el) return false;
  el.scrollIntoView({ block: 'nearest' });
  return true;
}
