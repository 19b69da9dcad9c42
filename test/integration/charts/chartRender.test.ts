/**
 * chart.render and chart.export through a real Session and real DuckDB: the preview, the code the
 * builder inserts, aggregation pushed into DuckDB for big results, and clear errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../kernel/session/Session';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';
import { sessionHandlers } from '../../../kernel/session/sessionHandlers';
import type { RichOutput, TableOutput } from '../../../kernel/protocol';
import { attr, markElements, texts } from '../../unit/charts/svgParts';

let opened: InProcessSession;
let session: Session;
let dir: string;
let exec: InProcessSession['exec'];
beforeAll(async () => {
  opened = await inProcessSession('silt-charts-');
  ({ session, dir, exec } = opened);
});
afterAll(() => opened?.close());
const render = (params: { handle: string; spec: object; width?: number; height?: number; theme?: 'light' | 'dark' }) =>
  sessionHandlers['chart.render'](session, params as never);

async function sqlResult(code: string, name?: string): Promise<TableOutput> {
  const r = await exec('sql', code, name);
  expect(r.status, JSON.stringify(r.outputs)).toBe('ok');
  return r.outputs[0] as TableOutput;
}

const bars = (svg: string) => markElements(svg, 'bar').filter((e) => e.startsWith('<rect'));

describe('chart.render', () => {
  it('draws a bar chart of a SQL result, and the inserted code draws the same SVG', async () => {
    const out = await sqlResult(
      `SELECT ['north','south','east'][1 + i % 3] AS region, (i % 7)::INTEGER AS units, i::BIGINT AS amount FROM range(300) t(i)`,
      'sales',
    );
    const spec = { mark: 'bar', x: 'region', y: 'amount', sort: '-y' };
    const chart = await render({ handle: out.handle!, spec });
    expect(bars(chart.svg)).toHaveLength(3);
    // sum(i) over i ≡ 2 (mod 3) is the largest, then 1, then 0: east, south, north.
    expect(texts(chart.svg, 'x-axis tick label')).toEqual(['east', 'south', 'north']);
    expect(chart.note).toBeUndefined();
    expect(chart.code).toContain('FROM "sales"');
    const cell = await exec('typescript', chart.code);
    expect(cell.status, JSON.stringify(cell.outputs)).toBe('ok');
    const shown = cell.outputs.find((o): o is RichOutput => o.kind === 'rich')!;
    expect(shown.data['image/svg+xml']).toBe(chart.svg);
  });

  it('aggregates a 10-million-row result in DuckDB, quickly, with the same bars as Plot would draw', async () => {
    const big = await sqlResult(`SELECT 'g' || (i % 5) AS grp, (i // 5 % 1000)::DOUBLE AS v FROM range(10000000) t(i)`);
    const started = performance.now();
    const chart = await render({ handle: big.handle!, spec: { mark: 'bar', x: 'grp', y: 'v', aggregate: 'mean' } });
    const elapsed = performance.now() - started;
    expect(chart.note).toBe('Aggregated in DuckDB over 10,000,000 rows.');
    expect(elapsed).toBeLessThan(5000);
    // In every group i // 5 runs through whole cycles of 0..999, so every mean is 499.5: equal bars.
    const heights = bars(chart.svg).map((b) => attr(b, 'height'));
    expect(heights).toHaveLength(5);
    for (const h of heights) expect(h).toBeCloseTo(heights[0], 5);

    // The same chart from a small sample of the same shape, reduced by Plot itself, has equal bars too
    // and the same y axis ticks: DuckDB and Plot agree on the aggregate.
    const small = await sqlResult(`SELECT 'g' || (i % 5) AS grp, (i // 5 % 1000)::DOUBLE AS v FROM range(10000) t(i)`);
    const viaPlot = await render({ handle: small.handle!, spec: { mark: 'bar', x: 'grp', y: 'v', aggregate: 'mean' } });
    expect(viaPlot.note).toBeUndefined();
    expect(texts(viaPlot.svg, 'y-axis tick label')).toEqual(texts(chart.svg, 'y-axis tick label'));
    expect(bars(viaPlot.svg).map((b) => attr(b, 'height'))).toEqual(heights);
  }, 60_000);

  it('bins a big histogram in DuckDB and samples a big dot chart, saying so', async () => {
    const big = await sqlResult(`SELECT (i % 100)::DOUBLE AS v, (i * 7 % 13)::DOUBLE AS w FROM range(200000) t(i)`);
    const hist = await render({ handle: big.handle!, spec: { mark: 'histogram', x: 'v' } });
    expect(hist.note).toBe('Aggregated in DuckDB over 200,000 rows.');
    const rects = markElements(hist.svg, 'rect').filter((e) => e.startsWith('<rect'));
    // v is uniform on 0..99: Sturges asks for 19 bins, a step of 5.2, rounded to 5: 20 equal bins.
    expect(rects).toHaveLength(20);
    for (const r of rects) expect(attr(r, 'height')).toBeCloseTo(attr(rects[0], 'height'), 3);
    const dots = await render({ handle: big.handle!, spec: { mark: 'dot', x: 'v', y: 'w' } });
    expect(dots.note).toBe('Showing a random sample of 5,000 of 200,000 rows.');
    expect(markElements(dots.svg, 'dot').filter((e) => e.startsWith('<circle'))).toHaveLength(5000);
  });

  it('summarises a big box chart in DuckDB with the quartiles of the data and its outliers', async () => {
    // Per group y is uniform on 0..100, except five rows of 1000 in group k1 (i = 7, 50007, …).
    const big = await sqlResult(
      `SELECT 'k' || (i % 2) AS k, CASE WHEN i % 50000 = 7 THEN 1000 ELSE i % 101 END::DOUBLE AS y FROM range(202000) t(i)`,
    );
    const box = await render({ handle: big.handle!, spec: { mark: 'box', x: 'k', y: 'y' }, height: 500 });
    expect(box.note).toBe('Aggregated in DuckDB over 202,000 rows.');
    const rules = markElements(box.svg, 'rule');
    const ticks = markElements(box.svg, 'tick');
    expect(rules).toHaveLength(2);
    // Whiskers span 0..100 and the median tick sits half way along them.
    const [y1, y2] = [attr(rules[0], 'y1'), attr(rules[0], 'y2')];
    expect(attr(ticks[0], 'y1')).toBeCloseTo((y1 + y2) / 2, 0);
    // k1's whisker still ends at its largest value inside the fence (100), not at the fence (150).
    expect([attr(rules[1], 'y1'), attr(rules[1], 'y2')]).toEqual([y1, y2]);
    const outliers = markElements(box.svg, 'dot').filter((e) => e.startsWith('<circle'));
    expect(outliers).toHaveLength(5);
    expect(new Set(outliers.map((o) => attr(o, 'cy')))).toEqual(new Set([attr(outliers[0], 'cy')]));
  });

  it('explains a spec naming a missing column, and an unknown handle', async () => {
    const out = await sqlResult(`SELECT 1 AS a, 2 AS b, 'x' AS c`);
    await expect(render({ handle: out.handle!, spec: { mark: 'bar', x: 'foo', y: 'a' } })).rejects.toThrow(
      'column "foo" is not in the result; columns are a, b, c',
    );
    await expect(render({ handle: '__silt_result_9999', spec: { mark: 'bar', x: 'a' } })).rejects.toThrow('no longer held by the session');
  });

  it('exports a relative path into the notebook workspace', async () => {
    const svg = (await render({ handle: (await sqlResult(`SELECT 1 AS a`)).handle!, spec: { mark: 'bar', x: 'a' } })).svg;
    const r = await sessionHandlers['chart.export'](session, { svg, format: 'svg', path: 'charts/one' });
    expect(r.path).toBe(join(dir, 'charts', 'one.svg'));
    expect(readFileSync(r.path, 'utf8')).toBe(svg);
  });

  it('charts a DataFrame a TypeScript cell displayed', async () => {
    const r = await exec('typescript', `[{k: 'a', v: 1}, {k: 'b', v: 4}, {k: 'b', v: 2}]`);
    const t = r.outputs[0] as TableOutput;
    const chart = await sessionHandlers['chart.render'](session, { handle: t.handle!, spec: { mark: 'bar', x: 'k', y: 'v' } });
    const heights = bars(chart.svg).map((b) => attr(b, 'height'));
    expect(heights[1] / heights[0]).toBeCloseTo(6, 5);
  });

  it('a named result: the code reads it by name, and the name works in SQL and TypeScript', async () => {
    const t = await sqlResult(`SELECT 'x' AS k, 2 AS v UNION ALL SELECT 'y', 5`);
    expect((await sessionHandlers['result.name'](session, { handle: t.handle!, name: 'scores' })).name).toBe('scores');
    const chart = await sessionHandlers['chart.render'](session, {
      handle: t.handle!,
      spec: { mark: 'bar', x: 'k', y: 'v' },
      table: 'scores',
    });
    expect(chart.code).toContain('FROM "scores"');
    expect(chart.code).not.toContain('__silt_');
    const ts = await exec('typescript', 'scores.shape[0] * 10 + scores.columns.length');
    expect(ts.outputs).toEqual([{ kind: 'rich', data: { 'text/plain': '22' } }]);
    // The grid's handle still charts and pages the same rows after the name was given.
    const again = await render({ handle: t.handle!, spec: { mark: 'bar', x: 'k', y: 'v' } });
    expect(again.code).toContain('FROM "scores"');
    expect(await session.engine.page(t.handle!, 1, 1)).toEqual([['y', 5]]);
    await expect(sessionHandlers['result.name'](session, { handle: t.handle!, name: 'not a name' })).rejects.toThrow(
      /cannot name a result/,
    );
  });

  it('leaves room for long y tick labels, in the preview and in the inserted code alike', async () => {
    const t = await sqlResult(`SELECT 'r' || (i % 4) AS region, i * 40000.5 AS revenue FROM range(200) t(i)`);
    const chart = await render({ handle: t.handle!, spec: { mark: 'bar', x: 'region', y: 'revenue', aggregate: 'sum' } });
    const labels = texts(chart.svg, 'y-axis tick label');
    const longest = Math.max(...labels.map((l) => l.length));
    expect(longest).toBeGreaterThanOrEqual(9); // e.g. 200,000,000
    const margin = Number(/marginLeft: (\d+)/.exec(chart.code)?.[1]);
    // 10 px sans-serif is about 6 px a character: the labels fit left of the axis.
    expect(margin).toBeGreaterThanOrEqual(longest * 6);
    // The ticks stand at that margin.
    const tick = markElements(chart.svg, 'y-axis tick')[0];
    expect(Number(/translate\((\d+(?:\.\d+)?),/.exec(tick)?.[1])).toBe(margin);
  });
});
