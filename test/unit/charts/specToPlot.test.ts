import { describe, expect, it } from 'vitest';
import { validateSpec } from '../../../kernel/charts/chartSpec';
import { renderPlot } from '../../../kernel/charts/renderPlot';
import { specToPlot } from '../../../kernel/charts/specToPlot';
import { attr, markElements, texts } from './svgParts';
import { SALES_COLUMNS, salesRows } from './salesFixture';

const draw = (spec: unknown, size = {}) => renderPlot(specToPlot(validateSpec(spec, SALES_COLUMNS), salesRows(), size));

describe('specToPlot', () => {
  it('draws one stacked bar per region and segment, in order of the summed amount', () => {
    const svg = draw({ mark: 'bar', x: 'region', y: 'amount', color: 'segment', sort: '-y' });
    const bars = markElements(svg, 'bar');
    expect(bars).toHaveLength(8);
    expect(texts(svg, 'x-axis tick label')).toEqual(['West', 'East', 'South', 'North']);
    // Retail sums: North 10×6+15 = 75, West 40×6+15 = 255, so West's Retail bar is 3.4 times as tall.
    const byX = bars.map((b) => ({ x: attr(b, 'x'), h: attr(b, 'height'), fill: /fill="([^"]*)"/.exec(b)?.[1] }));
    const retail = byX.filter((b) => b.fill === byX[0].fill).sort((a, b) => a.x - b.x);
    expect(retail[0].h / retail[3].h).toBeCloseTo(255 / 75, 2);
    expect(svg).toContain('>Retail</text>');
    expect(svg).toContain('>Wholesale</text>');
  });

  it('counts rows when a bar has no y', () => {
    const svg = draw({ mark: 'bar', x: 'segment' });
    const bars = markElements(svg, 'bar');
    expect(bars).toHaveLength(2);
    expect(attr(bars[0], 'height')).toBeCloseTo(attr(bars[1], 'height'), 5);
    expect(svg).toContain('↑ count');
  });

  it('draws one line per colour, joining days in date order even when rows are shuffled', () => {
    const spec = validateSpec({ mark: 'line', x: 'day', y: 'amount', aggregate: 'sum', color: 'region' }, SALES_COLUMNS);
    const rows = salesRows().reverse();
    const svg = renderPlot(specToPlot(spec, rows));
    const lines = markElements(svg, 'line');
    expect(lines).toHaveLength(4);
    for (const l of lines) {
      const xs = [...(/ d="([^"]*)"/.exec(l)?.[1] ?? '').matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
      expect(xs).toHaveLength(6);
      expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    }
  });

  it('gives each facet its own panel and room', () => {
    const svg = draw({ mark: 'histogram', x: 'amount', facet: 'segment' });
    expect(svg).toContain('>Retail</text>');
    expect(svg).toContain('>Wholesale</text>');
    expect(attr(/^<svg[^>]*>/.exec(svg)![0], 'height')).toBeGreaterThanOrEqual(400);
  });

  it('labels a bar per day over four months by week, not 120 overlapping dates', () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ day: new Date(Date.UTC(2026, 0, 1 + i)), amount: i }));
    const svg = renderPlot(specToPlot(validateSpec({ mark: 'bar', x: 'day', y: 'amount' }, SALES_COLUMNS), rows));
    expect(markElements(svg, 'bar')).toHaveLength(120);
    // One label per Sunday: 17 of them between 1 January and 30 April 2026.
    const axis = svg.slice(svg.indexOf('<g aria-label="x-axis tick label"'));
    expect(axis.slice(0, axis.indexOf('</g>')).match(/<text /g)).toHaveLength(17);
    expect(svg).not.toContain('⚠');
  });

  it('honours the requested size', () => {
    const svg = draw({ mark: 'box', x: 'region', y: 'amount' }, { width: 500, height: 300 });
    expect(svg).toMatch(/^<svg [^>]*width="520" height="320" viewBox="0 0 520 320"/);
  });
});
