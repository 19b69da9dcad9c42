import { describe, expect, it } from 'vitest';
import { validateSpec } from '../../../kernel/charts/chartSpec';
import { specToCode } from '../../../kernel/charts/specToCode';
import { SALES_COLUMNS } from './salesFixture';

const spec = (s: unknown) => validateSpec(s, SALES_COLUMNS);

describe('specToCode', () => {
  it('reads the rows and lets Plot group them when the result is small', () => {
    const code = specToCode(spec({ mark: 'bar', x: 'region', y: 'amount', color: 'segment', sort: '-y' }), 'sales', {
      columns: SALES_COLUMNS,
      rowCount: 48,
    });
    expect(code).toBe(
      [
        'const rows = await query(`SELECT "region", "amount", "segment" FROM "sales"`);',
        'display(Plot.plot({',
        '  y: {grid: true, nice: true, label: "sum of amount"},',
        '  color: {legend: true},',
        '  marks: [',
        '    Plot.barY(rows, Plot.groupX({y: "sum"}, {x: "region", y: "amount", fill: "segment", sort: {x: "-y", reduce: "sum"}})),',
        '    Plot.ruleY([0]),',
        '  ],',
        '}));',
      ].join('\n'),
    );
  });

  it('aggregates in DuckDB and says so when the result is big', () => {
    const code = specToCode(spec({ mark: 'line', x: 'day', y: 'units', aggregate: 'median' }), 'big', {
      columns: SALES_COLUMNS,
      rowCount: 10_000_000,
    });
    expect(code.split('\n').slice(0, 2)).toEqual([
      '// Aggregated in DuckDB over 10,000,000 rows.',
      'const rows = await query(`SELECT "day", CAST(median("units") AS DOUBLE) AS "units" FROM "big" GROUP BY ALL ORDER BY "day"`);',
    ]);
    expect(code).toContain('Plot.lineY(rows, {x: "day", y: "units", stroke: "#4269d0"})');
  });

  it('samples a big dot chart and quotes odd names safely', () => {
    const columns = [
      { name: 'a`b', type: 'DOUBLE' },
      { name: 'c"d', type: 'BIGINT' },
    ];
    const code = specToCode(validateSpec({ mark: 'dot', x: 'a`b', y: 'c"d' }, columns), 'my table', { columns, rowCount: 1e6 });
    expect(code).toContain('// Showing a random sample of 5,000 of 1,000,000 rows.');
    expect(code).toContain(
      'const rows = await query(`SELECT "a\\`b", CAST("c""d" AS DOUBLE) AS "c""d" FROM "my table" USING SAMPLE reservoir(5000 ROWS) REPEATABLE (42)`);',
    );
    expect(code).toContain('Plot.dot(rows, {x: "a`b", y: "c\\"d"');
  });
});
