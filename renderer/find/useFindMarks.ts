/** Keeps find's marks in every visible editor and output in step with the matches (and clears them on close). */
import { useEffect } from 'react';
import type { Cell } from '../../kernel/protocol/notebook';
import { compileQuery, type FindMatch, type FindOptions } from './findMatches';
import { editorOfCell, markEditor } from './findHighlight';
import { markOutputs } from './outputMarks';

export function useFindMarks(
  cells: readonly Cell[],
  matches: readonly FindMatch[],
  index: number,
  open: boolean,
  options: FindOptions,
): void {
  useEffect(() => {
    const byCell = new Map<string, { from: number; to: number; i: number }[]>();
    const outputCells = new Set<string>();
    if (open) {
      matches.forEach((m, i) => {
        if (m.part === 'source') byCell.set(m.cellId, [...(byCell.get(m.cellId) ?? []), { from: m.from, to: m.to, i }]);
        else outputCells.add(m.cellId);
      });
    }
    for (const cell of cells) {
      const view = editorOfCell(cell.id);
      if (!view) continue;
      const ranges = byCell.get(cell.id) ?? [];
      const current = ranges.findIndex((r) => r.i === index);
      markEditor(view, { ranges, current: current < 0 ? null : current });
    }
    const q = open && outputCells.size > 0 ? compileQuery(options) : null;
    const m = matches[index];
    const nth = m?.part === 'output' ? matches.slice(0, index).filter((x) => x.part === 'output' && x.cellId === m.cellId).length : -1;
    markOutputs(q && q.ok ? q.re : null, outputCells, m && nth >= 0 ? { cellId: m.cellId, nth } : null);
  });
}
