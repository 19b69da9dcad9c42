/** Keeps find's marks in every visible editor in step with the matches (and clears them on close). */
import { useEffect } from 'react';
import type { Cell } from '../../kernel/protocol/notebook';
import type { FindMatch } from './findMatches';
import { editorOfCell, markEditor } from './findHighlight';

export function useFindMarks(cells: readonly Cell[], matches: readonly FindMatch[], index: number, open: boolean): void {
  useEffect(() => {
    const byCell = new Map<string, { from: number; to: number; i: number }[]>();
    if (open) {
      matches.forEach((m, i) => {
        if (m.part === 'source') byCell.set(m.cellId, [...(byCell.get(m.cellId) ?? []), { from: m.from, to: m.to, i }]);
      });
    }
    for (const cell of cells) {
      const view = editorOfCell(cell.id);
      if (!view) continue;
      const ranges = byCell.get(cell.id) ?? [];
      const current = ranges.findIndex((r) => r.i === index);
      markEditor(view, { ranges, current: current < 0 ? null : current });
    }
  });
}
