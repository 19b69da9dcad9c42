/**
 * The confusion matrix of a multiclass report: class names longer than a column is wide are slanted
 * (upright, 'delivered' and 'handed_over' ran into each other), and on the dark theme the cells are
 * shades of the dark background with light counts, not white squares.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { automlCharts } from '../../../kernel/automl/automlCharts';
import type { AutoMLRun } from '../../../kernel/automl/fitAutoML';
import { SHOTS } from '../../helpers/app';

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

  it('draws dark cells with light counts on the dark theme', () => {
    const dark = matrix('dark');
    const light = matrix('light');
    // The lightest blue of the light scheme (an empty cell) is not on the dark chart, and every count is white.
    const fills = (svg: string) => [...svg.matchAll(/<rect[^>]*fill="([^"]+)"/g)].map((m) => m[1].toLowerCase());
    expect(fills(light).some((f) => /^rgb\(2[3-5]\d, 2[3-5]\d, 2[3-5]\d\)$|^#f[0-9a-f]{5}$/.test(f))).toBe(true);
    expect(fills(dark).some((f) => /^rgb\(2[3-5]\d, 2[3-5]\d, 2[3-5]\d\)$|^#f[0-9a-f]{5}$/.test(f))).toBe(false);
    expect([...dark.matchAll(/<text[^>]*fill="([^"]+)"[^>]*>\d+<\/text>/g)].every((m) => m[1] === 'white')).toBe(true);
    writeFileSync(join(SHOTS, 'automl-confusion-dark.svg'), dark);
  });
});
