/**
 * The confusion matrix of a multiclass report: class names longer than a column is wide are slanted
 * (upright, 'delivered' and 'handed_over' ran into each other), and in either theme, also when the
 * window rethemes a chart drawn in the other one, an empty cell is the background (not a white square
 * on dark) and every count reads against its cell.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { automlCharts } from '../../../kernel/automl/automlCharts';
import type { AutoMLRun } from '../../../kernel/automl/fitAutoML';
import { SHOTS } from '../../helpers/app';
import { CHART_THEMES, retheme } from '../../../common/chartTheme';

const CLASSES = ['delivered', 'handed_over', 'placed', 'scheduled'];
const run = {
  task: 'multiclass',
  metric: 'log_loss',
  leaderboard: [
    { family: 'gbdt', score: 0.31 },
    { family: 'baseline', score: 1.1 },
  ],
  importance: [{ column: 'order_date', importance: 0.8 }],
  model: { classes: CLASSES },
  metrics: {
    validation: {
      confusion: [
        [0, 0, 0, 13],
        [0, 0, 0, 4],
        [0, 0, 43, 3],
        [1, 0, 6, 245],
      ],
    },
  },
} as unknown as AutoMLRun;

const matrix = (theme: 'light' | 'dark') => automlCharts(run, theme).find((c) => c.title === 'Confusion matrix (validation)')!.svg;

describe('the confusion matrix', () => {
  it('slants class names longer than a column, so none runs into the next', () => {
    const svg = matrix('light');
    for (const name of CLASSES) expect(svg).toContain(`>${name}</text>`);
    // The x axis's tick labels are rotated; the y axis's are not.
    expect(svg).toMatch(/rotate\(-35\)/);
  });

  /** What a reader sees of each cell: its colour over the chart's background, and its count's colour. */
  function cellsOf(svg: string) {
    const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]+)"`).exec(tag)?.[1];
    const root = /^<svg[^>]*\scolor="([^"]+)"/.exec(svg)![1];
    const background = /<rect [^>]*fill="([^"]+)"/.exec(svg)![1];
    const group = /<g aria-label="cell"([^>]*)>(.*?)<\/g>/s.exec(svg)!;
    const cells = [...group[2].matchAll(/<rect [^>]*>/g)].map(([tag]) =>
      mix(hex(attr(tag, 'fill') ?? attr(group[1], 'fill')!), hex(background), Number(attr(tag, 'fill-opacity') ?? 1)),
    );
    const texts = [...svg.matchAll(/<text [^>]*fill="([^"]+)"[^>]*>(\d+)<\/text>/g)].map((m) => ({
      count: Number(m[2]),
      colour: hex(m[1] === 'currentColor' ? root : m[1]),
    }));
    return { background: hex(background), cells, texts };
  }

  const counts = run.metrics.validation.confusion!.flat();
  for (const [drawn, shown] of [
    ['light', 'light'],
    ['dark', 'dark'],
    ['light', 'dark'],
    ['dark', 'light'],
  ] as const) {
    it(`drawn ${drawn} and shown ${shown}: empty cells are the background, every count is readable`, () => {
      const svg = retheme(matrix(drawn), shown);
      const { background, cells, texts } = cellsOf(svg);
      expect(background).toEqual(hex(CHART_THEMES[shown].background));
      expect(cells).toHaveLength(counts.length);
      counts.forEach((n, i) => {
        // An empty cell is (within a shade) the page behind it: no white squares on dark.
        if (n === 0) expect(distance(cells[i], background)).toBeLessThan(8);
        // A handful of misclassified rows still shows.
        else expect(distance(cells[i], background)).toBeGreaterThan(20);
        expect(texts[i].count).toBe(n);
        expect(contrast(texts[i].colour, cells[i])).toBeGreaterThan(4);
      });
      mkdirSync(SHOTS, { recursive: true });
      if (drawn === shown) writeFileSync(join(SHOTS, `automl-confusion-${shown}.svg`), svg);
    });
  }
});

type RGB = [number, number, number];
function hex(c: string): RGB {
  if (c === 'white') return [255, 255, 255];
  if (c === 'black') return [0, 0, 0];
  const rgb = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(c);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (!m) throw new Error(`not a #rrggbb colour: ${c}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}
const mix = (c: RGB, under: RGB, a: number): RGB => c.map((v, i) => a * v + (1 - a) * under[i]) as RGB;
const distance = (a: RGB, b: RGB) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
/** WCAG contrast ratio. */
function contrast(a: RGB, b: RGB): number {
  const lum = (c: RGB) => {
    const [r, g, bl] = c.map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
