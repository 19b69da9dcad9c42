/**
 * One row of the grid: its number (a row header, never selected or copied) and its cells, each
 * showing its value for reading (numbers grouped in the locale) with the exact value in its title.
 */
import { cellText } from '../../../common/cellText';
import type { CellValue } from '../../../kernel/protocol/notebook';
import { displayText, type NumberDisplay } from './formatNumber';
import { contains, type CellPos, type Range } from './selection';

interface Props {
  index: number;
  /** Undefined while its page is on its way (drawn as a placeholder). */
  row: CellValue[] | undefined;
  top: number;
  width: number;
  rowNumWidth: number;
  widths: number[];
  numeric: boolean[];
  range: Range | null;
  focus: CellPos | undefined;
  format: NumberDisplay;
  /** Makes each cell's id (gridCellId), which the grid names as its active descendant. */
  idPrefix: string;
}

/** A cell's element id: the grid's prefix (useId), its row and its column. */
export const gridCellId = (prefix: string, row: number, col: number) => `${prefix}r${row}c${col}`;

export function GridRow({ index: r, row, top, width, rowNumWidth, widths, numeric, range, focus, format, idPrefix }: Props) {
  return (
    <div className="grid-row" role="row" aria-rowindex={r + 2} style={{ top, width }}>
      <div className="grid-rownum" role="rowheader" aria-colindex={1} style={{ width: rowNumWidth }}>
        {(r + 1).toLocaleString('en-US')}
      </div>
      {widths.map((w, c) => {
        const v = row?.[c];
        const selected = range !== null && contains(range, r, c);
        const focused = focus?.row === r && focus.col === c;
        const cls = `grid-cell${numeric[c] ? ' num' : ''}${v === null ? ' null' : ''}${row ? '' : ' loading'}${selected ? ' selected' : ''}${focused ? ' focused' : ''}`;
        return (
          <div
            className={cls}
            key={c}
            id={gridCellId(idPrefix, r, c)}
            role="gridcell"
            aria-colindex={c + 2}
            aria-selected={selected}
            data-testid="grid-cell"
            data-row={r}
            data-col={c}
            title={row && numeric[c] ? cellText(v ?? null) : undefined}
            style={{ width: w }}
          >
            {row ? displayText(v ?? null, numeric[c], format) : ''}
          </div>
        );
      })}
    </div>
  );
}
