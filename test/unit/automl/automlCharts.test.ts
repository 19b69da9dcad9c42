/**
 * The confusion matrix of a multiclass report: class names longer than a column is wide are slanted
 * (upright, 'delivered' and 'handed_over' ran into each other), and in either theme, also when the
 * window rethemes a chart drawn in the other one, an empty cell is the background (not a white square
 * on dark) and every count reads at WCAG AA against its cell as composited.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { automlCharts } from '../../../kernel/automl/automlCharts';
import type { AutoMLRun } from '../../../kernel/automl/fitAutoML';
import { SHOTS } from '../../helpers/app';
import { CHART_THEMES, retheme } from '../../../common/chartTheme';
import { composite, contrastRatio, parseColour, type RGB } from '../../../common/contrastRatio';

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
        // 120 of 245 fell where neither the text colour nor white reached 4.5:1 on light (about 4:1).
        [0, 0, 120, 3],
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
      composite(parseColour(attr(tag, 'fill') ?? attr(group[1], 'fill')!), parseColour(background), Number(attr(tag, 'fill-opacity') ?? 1)),
    );
    const texts = [...svg.matchAll(/<text [^>]*fill="([^"]+)"[^>]*>(\d+)<\/text>/g)].map((m) => ({
      count: Number(m[2]),
      colour: parseColour(m[1] === 'currentColor' ? root : m[1]),
    }));
    return { background: parseColour(background), cells, texts };
  }

  const counts = run.metrics.validation.confusion!.flat();
  for (const [drawn, shown] of [
    ['light', 'light'],
    ['dark', 'dark'],
    ['light', 'dark'],
    ['dark', 'light'],
  ] as const) {
    it(`drawn ${drawn} and shown ${shown}: empty cells are the background, every count reads at AA (4.5:1)`, () => {
      const svg = retheme(matrix(drawn), shown);
      const { background, cells, texts } = cellsOf(svg);
      expect(background).toEqual(parseColour(CHART_THEMES[shown].background));
      expect(cells).toHaveLength(counts.length);
      counts.forEach((n, i) => {
        // An empty cell is (within a shade) the page behind it: no white squares on dark.
        if (n === 0) expect(distance(cells[i], background)).toBeLessThan(8);
        // A handful of misclassified rows still shows.
        else expect(distance(cells[i], background)).toBeGreaterThan(20);
        expect(texts[i].count).toBe(n);
        expect(contrastRatio(texts[i].colour, cells[i])).toBeGreaterThanOrEqual(4.5);
      });
      mkdirSync(SHOTS, { recursive: true });
      if (drawn === shown) writeFileSync(join(SHOTS, `automl-confusion-${shown}.svg`), svg);
    });
  }
});

const distance = (a: RGB, b: RGB) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
