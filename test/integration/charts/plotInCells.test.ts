/** Plot in TypeScript cells, through a real Session: charts come out as standalone SVG rich outputs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';
import type { RichOutput } from '../../../kernel/protocol';
import { markElements } from '../../unit/charts/svgParts';

let opened: InProcessSession;
let exec: InProcessSession['exec'];
beforeAll(async () => {
  opened = await inProcessSession('silt-charts-');
  ({ exec } = opened);
});
afterAll(() => opened?.close());

function svgOf(outputs: { kind: string }[]): string {
  const rich = outputs.find((o): o is RichOutput => o.kind === 'rich' && 'image/svg+xml' in (o as RichOutput).data);
  expect(rich, JSON.stringify(outputs).slice(0, 400)).toBeDefined();
  return rich!.data['image/svg+xml'];
}

describe('Plot in TypeScript cells', () => {
  it('display(Plot.plot(...)) shows a standalone SVG with one bar per row', async () => {
    const r = await exec(
      'typescript',
      `display(Plot.plot({ marks: [Plot.barY([{k: 'a', v: 3}, {k: 'b', v: 5}, {k: 'c', v: 2}], {x: 'k', y: 'v'})] }))`,
    );
    expect(r.status).toBe('ok');
    const svg = svgOf(r.outputs);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*width="660" height="420" viewBox="0 0 660 420"/);
    expect(markElements(svg, 'bar').filter((e) => e.startsWith('<rect'))).toHaveLength(3);
    expect(svg).toContain('DejaVu Sans');
    expect(svg).not.toContain('var(--plot-background)');
  });

  it('a cell ending in a Plot figure (with a title and legend) shows it too; mark.plot() works', async () => {
    const r = await exec(
      'typescript',
      `const data = [{k: 'a', v: 3, g: 'x'}, {k: 'b', v: 5, g: 'y'}];\nPlot.plot({ title: 'Two bars', color: {legend: true}, marks: [Plot.barY(data, {x: 'k', y: 'v', fill: 'g'})] })`,
    );
    const svg = svgOf(r.outputs);
    expect(svg).toContain('>Two bars</text>');
    expect(svg).toContain('>x</text>');
    expect(r.outputs.find((o) => o.kind === 'rich')).toMatchObject({ data: { 'text/plain': '<Plot: Two bars>' } });
    const viaMark = await exec('typescript', `Plot.dot([{a: 1, b: 2}, {a: 2, b: 3}], {x: 'a', y: 'b'}).plot({ width: 300 })`);
    expect(markElements(svgOf(viaMark.outputs), 'dot').filter((e) => e.startsWith('<circle'))).toHaveLength(2);
  });

  it('a sequential colour legend draws in Node (no canvas) as an embedded PNG ramp', async () => {
    const r = await exec(
      'typescript',
      `Plot.plot({ color: {legend: true}, marks: [Plot.cell([{x: 'a', v: 1}, {x: 'b', v: 9}], {x: 'x', fill: 'v'})] })`,
    );
    expect(r.status).toBe('ok');
    expect(svgOf(r.outputs)).toMatch(/<image [^>]*xlink:href="data:image\/png;base64,iVBORw0KGgo/);
    const swatches = await exec('typescript', `Plot.legend({ color: { domain: ['north', 'south'] } })`);
    const legend = svgOf(swatches.outputs);
    expect(legend).toContain('>north</text>');
    expect(legend).toContain('fill="#efb118"');
  });

  it('Plot charts a named SQL result read with query()', async () => {
    await exec('sql', `SELECT 'r' || (i % 4) AS region, i::BIGINT AS amount FROM range(100) t(i)`, 'sales');
    const r = await exec(
      'typescript',
      `const rows = await query('SELECT region, CAST(sum(amount) AS DOUBLE) AS total FROM sales GROUP BY 1');\ndisplay(Plot.barY(rows, {x: 'region', y: 'total'}).plot())`,
    );
    expect(markElements(svgOf(r.outputs), 'bar').filter((e) => e.startsWith('<rect'))).toHaveLength(4);
  });
});
