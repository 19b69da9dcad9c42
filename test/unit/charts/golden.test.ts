/**
 * Charts users see, compared with reviewed SVG files in test/golden/charts. After a deliberate change
 * to how charts look, regenerate them with `UPDATE_GOLDEN=1 npx vitest run test/unit/charts/golden.test.ts`,
 * look at every changed file (as PNG) and commit the ones that are right.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../../kernel/protocol/charts';
import { validateSpec } from '../../../kernel/charts/chartSpec';
import { renderPlot } from '../../../kernel/charts/renderPlot';
import { specToPlot } from '../../../kernel/charts/specToPlot';
import { SALES_COLUMNS, salesRows } from './salesFixture';
import { PRODUCT_COLUMNS, productRows } from './productFixture';

const GOLDEN = join(__dirname, '../../golden/charts');

interface Case {
  name: string;
  spec: Partial<ChartSpec>;
  theme?: 'light' | 'dark';
  /** The sales fixture unless given. */
  data?: { columns: typeof SALES_COLUMNS; rows: Record<string, unknown>[] };
}

const products = (n: number) => ({ columns: PRODUCT_COLUMNS, rows: productRows(n) });

const CASES: Case[] = [
  { name: 'bar-stacked-sorted', spec: { mark: 'bar', x: 'region', y: 'amount', color: 'segment', sort: '-y', title: 'Amount by region' } },
  { name: 'line-mean-by-region', spec: { mark: 'line', x: 'day', y: 'amount', aggregate: 'mean', color: 'region' } },
  { name: 'histogram-faceted', spec: { mark: 'histogram', x: 'amount', facet: 'segment' } },
  { name: 'cell-mean-dark', spec: { mark: 'cell', x: 'day', y: 'region', color: 'amount', title: 'Mean amount per day' }, theme: 'dark' },
  // Long category names slant at −45°; the longest are cut with an ellipsis and titled with their full text.
  { name: 'bar-long-labels-dark', spec: { mark: 'bar', x: 'product', y: 'revenue', sort: '-y' }, theme: 'dark', data: products(12) },
  // Forty categories leave bands too narrow for slanted text: labels stand upright.
  { name: 'bar-many-categories', spec: { mark: 'bar', x: 'product', y: 'revenue' }, data: products(40) },
];

/** Rounds numbers so float noise in the last digits does not fail the comparison. */
function normalise(svg: string): string {
  return svg
    .replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100))
    .replace(/>\s+</g, '><')
    .trim();
}

describe('golden charts', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { columns, rows } = c.data ?? { columns: SALES_COLUMNS, rows: salesRows() };
      const svg = renderPlot(specToPlot(validateSpec(c.spec, columns), rows), { theme: c.theme });
      const file = join(GOLDEN, `${c.name}.svg`);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, svg + '\n');
      expect(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
      expect(normalise(svg)).toBe(normalise(readFileSync(file, 'utf8')));
    });
  }
});
