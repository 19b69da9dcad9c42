import { describe, expect, it } from 'vitest';
import type { NotebookModel } from '../../../kernel/protocol';
import { renderDashboardHtml } from '../../../kernel/report/renderDashboardHtml';

const nb: NotebookModel = {
  metadata: {},
  cells: [
    { id: 'm', type: 'markdown', source: '# Orders' },
    {
      id: 'c',
      type: 'code',
      language: 'sql',
      source: 'SELECT region, n FROM lab.s.orders',
      executionCount: 1,
      outputs: [
        {
          kind: 'table',
          rowCount: 2,
          columns: [
            { name: 'region', type: 'VARCHAR' },
            { name: 'n', type: 'BIGINT' },
          ],
          rows: [
            ['north', '3'],
            ['south', '5'],
          ],
        },
      ],
    },
  ],
};

describe('renderDashboardHtml', () => {
  it('stamps each tile with the versions its data came from and leaves the code out', () => {
    const landedAt = Date.parse('2026-12-03T14:02:11Z');
    const html = renderDashboardHtml(nb, { stamps: new Map([['c', [{ table: 'lab.s.orders', version: 7, landedAt }]]]) });
    expect(html).toContain('<div class="tile-stamp">lab.s.orders v7, committed 2026-12-03 14:02:11 UTC</div>');
    expect(html).not.toContain('SELECT region');
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\';');
  });

  it('says nothing about versions for a tile that depends on no live table', () => {
    expect(renderDashboardHtml(nb)).not.toContain('tile-stamp"');
  });
});
