import { describe, expect, it } from 'vitest';
import { dashboardTiles, type TileCell } from '../../../common/dashboard/dashboardTiles';
import { kpiValues } from '../../../common/dashboard/kpiValues';

const table = (n: number) => ({ kind: 'table' as const, columns: Array.from({ length: n }, (_, i) => ({ name: `c${i}` })) });

describe('dashboardTiles', () => {
  it('turns headings into row titles and shows prose and outputs without code', () => {
    const cells: TileCell[] = [
      { id: 'h', type: 'markdown', source: '## Sales today  ' },
      { id: 'p', type: 'markdown', source: '# Notes\nNumbers refresh as orders land.' },
      { id: 'kpi', type: 'code', source: 'SELECT 1', outputs: [table(2)] },
      { id: 'quiet', type: 'code', source: 'const x = 1', outputs: [] },
      { id: 'blank', type: 'code', source: 'console.log("")', outputs: [{ kind: 'stream', text: '\n' }] },
      { id: 'raw', type: 'raw', source: 'raw text' },
      { id: 'empty', type: 'markdown', source: '   ' },
      { id: 'chart', type: 'code', source: 'Plot…', outputs: [{ kind: 'rich', data: { 'image/svg+xml': '<svg/>' } }] },
    ];
    expect(dashboardTiles(cells)).toEqual([
      { kind: 'heading', id: 'h', level: 2, text: 'Sales today' },
      { kind: 'markdown', id: 'p', source: '# Notes\nNumbers refresh as orders land.' },
      { kind: 'outputs', id: 'kpi', wide: false, chart: false },
      { kind: 'outputs', id: 'chart', wide: false, chart: true },
    ]);
  });

  it('gives a table of many columns a whole row', () => {
    const tiles = dashboardTiles([
      { id: 'narrow', type: 'code', source: '', outputs: [table(6)] },
      { id: 'wide', type: 'code', source: '', outputs: [table(7)] },
    ]);
    expect(tiles.map((t) => t.kind === 'outputs' && t.wide)).toEqual([false, true]);
  });
});

describe('kpiValues', () => {
  const cols = (...types: string[]) => types.map((type, i) => ({ name: `c${i}`, type }));
  it('shows a one-row table of a few columns as figures', () => {
    expect(kpiValues({ rowCount: 1, columns: cols('BIGINT', 'DOUBLE', 'VARCHAR'), rows: [['1250', 10940.456, 'west']] })).toEqual([
      { label: 'c0', value: '1,250', numeric: true },
      { label: 'c1', value: '10,940.46', numeric: true },
      { label: 'c2', value: 'west', numeric: false },
    ]);
  });
  it('keeps every digit of a BIGINT past 2^53, and NULL as NULL', () => {
    expect(kpiValues({ rowCount: 1, columns: cols('BIGINT', 'INTEGER'), rows: [['9007199254740993', null]] })).toEqual([
      { label: 'c0', value: '9007199254740993', numeric: true },
      { label: 'c1', value: 'NULL', numeric: false },
    ]);
  });
  it('leaves tables of more rows or many columns as tables', () => {
    expect(kpiValues({ rowCount: 2, columns: cols('INTEGER'), rows: [[1]] })).toBeNull();
    expect(kpiValues({ rowCount: 1, columns: cols(...Array(7).fill('INTEGER')), rows: [[1, 2, 3, 4, 5, 6, 7]] })).toBeNull();
  });
});
