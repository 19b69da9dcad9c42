/**
 * A notebook as dashboard tiles: what the reader of a dashboard wants (its prose, charts, tables and
 * printed numbers) without the code that made them. The same tiles are drawn by the dashboard view
 * and by `silt run --layout dashboard`, so the exported file has the view's layout.
 *
 * - A markdown cell that is only a heading becomes a section title across the whole row.
 * - Other markdown cells, and code cells with something to show, become one tile each.
 * - A tile holding a table of many columns is wide (a whole row), so its columns stay readable;
 *   one holding a chart spans two columns where two fit.
 * - Raw cells, empty cells and code cells without outputs leave no gap.
 */

/** The parts of a cell this reads (kernel/protocol's Cell has this shape). */
export interface TileCell {
  id: string;
  type: 'code' | 'markdown' | 'raw';
  source: string;
  outputs?: readonly TileOutput[];
}

export type TileOutput =
  | { kind: 'table'; columns: readonly unknown[] }
  | { kind: 'stream'; text: string }
  | { kind: 'error' }
  | { kind: 'rich'; data: Record<string, string> };

export type Tile =
  | { kind: 'heading'; id: string; level: number; text: string }
  | { kind: 'markdown'; id: string; source: string }
  /** `wide`: a whole row; `chart`: two columns where at least two fit (a chart shrunk to one is hard to read). */
  | { kind: 'outputs'; id: string; wide: boolean; chart: boolean };

/** Tables with more columns than this take a whole row. */
export const WIDE_COLUMNS = 6;

const CHART_TYPES = ['image/svg+xml', 'image/png', 'image/jpeg'];

const HEADING_ONLY = /^\s*(#{1,6})\s+(.+?)\s*#*\s*$/;

export function dashboardTiles(cells: readonly TileCell[]): Tile[] {
  const tiles: Tile[] = [];
  for (const cell of cells) {
    if (cell.type === 'raw' || (cell.type === 'markdown' && cell.source.trim() === '')) continue;
    if (cell.type === 'markdown') {
      const m = HEADING_ONLY.exec(cell.source.trim());
      if (m && !cell.source.trim().includes('\n')) tiles.push({ kind: 'heading', id: cell.id, level: m[1].length, text: m[2] });
      else tiles.push({ kind: 'markdown', id: cell.id, source: cell.source });
      continue;
    }
    const shown = tileOutputs(cell.outputs ?? []);
    if (shown.length === 0) continue;
    const wide = shown.some((o) => o.kind === 'table' && o.columns.length > WIDE_COLUMNS);
    const chart = shown.some((o) => o.kind === 'rich' && CHART_TYPES.some((m) => o.data[m] !== undefined));
    tiles.push({ kind: 'outputs', id: cell.id, wide, chart: chart && !wide });
  }
  return tiles;
}

/** The outputs a tile shows: all but blank printed text. */
export function tileOutputs<T extends TileOutput>(outputs: readonly T[]): T[] {
  return outputs.filter((o) => o.kind !== 'stream' || o.text.trim() !== '');
}
