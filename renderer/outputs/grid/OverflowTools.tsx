/**
 * A grid's tools on one line: as many as fit the room its header line leaves, in their order, and the
 * rest in a "More ▾" menu. The least used fold first (each item's rank: Chart… and Export… stay out
 * longest, Copy as Markdown and Publish… fold early) (a keyboard menu, same test ids, the titles as tooltips). A cell narrowed by
 * side panels thus keeps one line of tools instead of stacking them on two or three.
 *
 * What fits is worked out from a hidden copy of every button (its widths do not depend on what is
 * shown), before anything is painted. The grid is told how wide its header line would be with every
 * tool shown, so it is that wide when the cell has the room (see Grid's min-width).
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { ToolbarMenu, type MenuItem } from '../../toolbar/ToolbarMenu';
import { inlineTools, TOOL_GAP } from './inlineTools';

interface Props {
  items: MenuItem[];
  /** The header line's width with every tool inline (its padding, what is left of the tools, the tools), borders not counted. */
  onIdealWidth(px: number): void;
}

export function OverflowTools({ items, onIdealWidth }: Props) {
  const box = useRef<HTMLSpanElement>(null);
  const ruler = useRef<HTMLSpanElement>(null);
  const [shown, setShown] = useState<boolean[]>(() => items.map(() => true));
  const labels = items.map((it) => it.label).join('\n');
  const ranks = useRef<number[]>([]);
  ranks.current = items.map((it) => it.rank ?? 0);
  const report = useRef(onIdealWidth);
  report.current = onIdealWidth;

  useLayoutEffect(() => {
    const el = box.current!;
    const measure = () => {
      const widths = [...ruler.current!.children].map((c) => c.getBoundingClientRect().width);
      const more = widths.pop()!;
      setShown(inlineTools(widths, ranks.current, more, el.getBoundingClientRect().width + 0.5));
      const meta = el.parentElement!;
      const all = widths.reduce((a, b) => a + b, 0) + TOOL_GAP * Math.max(0, widths.length - 1);
      const before = el.getBoundingClientRect().left - meta.getBoundingClientRect().left;
      report.current(Math.ceil(before + all + parseFloat(getComputedStyle(meta).paddingRight)));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    ro.observe(ruler.current!);
    return () => ro.disconnect();
  }, [labels]);

  // Until measured (a new list of tools), every tool shows inline.
  const inline = items.filter((_, i) => shown[i] ?? true);
  const folded = items.filter((_, i) => shown[i] === false);
  return (
    <span className="grid-tools" ref={box} data-testid="grid-tools">
      {inline.map((it) => (
        <button
          key={it.id}
          type="button"
          className={`btn btn-ghost btn-small${it.checked ? ' active' : ''}`}
          data-testid={it.id}
          title={it.title}
          aria-pressed={it.checked}
          disabled={it.disabled}
          onClick={it.onSelect}
        >
          {it.label}
        </button>
      ))}
      {folded.length > 0 && (
        <ToolbarMenu
          label="More"
          testId="grid-more"
          items={folded}
          buttonClass="btn btn-ghost btn-small grid-more"
          title={`More: ${folded.map((it) => it.label).join(', ')}`}
        />
      )}
      <span className="grid-tools-ruler" ref={ruler} aria-hidden="true">
        {items.map((it) => (
          <span key={it.id} className="btn btn-ghost btn-small">
            {it.label}
          </span>
        ))}
        <span className="btn btn-ghost btn-small">More ▾</span>
      </span>
    </span>
  );
}
