import { describe, expect, it } from 'vitest';
import { dashboardTiles, type TileCell } from '../../../common/dashboard/dashboardTiles';

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
      { kind: 'outputs', id: 'kpi', wide: false },
      { kind: 'outputs', id: 'chart', wide: false },
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
