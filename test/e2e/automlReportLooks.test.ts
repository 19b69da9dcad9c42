/**
 * The exported AutoML report as its reader sees it in Chromium: light or dark after the reader's
 * system setting (whatever look the window had at export), and every piece of text at WCAG AA
 * (4.5:1) over what is painted under it, the counts on every cell of a real confusion matrix
 * (wine quality, 7 classes) included. Screenshots at both looks and both sizes.
 */
import { mkdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionNoticeBody, TableOutput } from '../../kernel/protocol';
import { Session } from '../../kernel/session/Session';
import { sessionHandlers } from '../../kernel/session/sessionHandlers';
import { CHART_THEMES } from '../../common/chartTheme';
import { SHOTS } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { LOOK_SIZES } from '../helpers/looks';
import { measureTextContrast } from '../helpers/pageContrast';
import { SHARED } from '../helpers/shared';

const dir = mkdtempSync(join(tmpdir(), 'silt-automl-looks-'));
const notices: SessionNoticeBody[] = [];
let session: Session;
let browser: Browser;
let report: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await Session.create({ workspace: dir, emit: () => {}, notify: (n) => notices.push(n) });
  const code = `SELECT * FROM read_csv_auto('${SHARED}/data/tabular/wine_quality_white.csv')`;
  const r = await session.execute({ runId: 'r1', language: 'sql', code, name: 'wine' });
  const handle = (r.outputs[0] as TableOutput).handle!;
  const { jobId } = await sessionHandlers['automl.start'](session, {
    source: { handle },
    target: 'quality',
    task: 'multiclass',
    budgetSeconds: 4,
    seed: 0,
  });
  const done = () => notices.find((n) => n.type === 'automl.done' && n.jobId === jobId);
  for (let i = 0; i < 3000 && !done(); i++) await new Promise((r) => setTimeout(r, 20));
  // Exported from a dark window: the file still follows whoever reads it.
  report = (await sessionHandlers['automl.exportReport'](session, { jobId, path: 'wine.html', theme: 'dark' })).path;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await session?.engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the exported AutoML report', () => {
  for (const look of ['light', 'dark'] as const) {
    it(`reads at AA in the ${look} look, every confusion-matrix count included`, async () => {
      const page = await browser.newPage({ colorScheme: look, viewport: { width: 1440, height: 900 } });
      try {
        await page.goto(pathToFileURL(report).href);
        // The page and its charts take the reader's look.
        expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(rgb(CHART_THEMES[look].background));
        const charts = page.locator('figure > div > svg:visible');
        expect(await charts.count()).toBeGreaterThanOrEqual(3);
        for (const svg of await charts.all())
          expect(await svg.locator('rect').first().getAttribute('fill')).toBe(CHART_THEMES[look].background);

        const texts = await page.evaluate(measureTextContrast);
        const matrix = readFileSync(report, 'utf8').includes('Confusion matrix (validation)');
        expect(matrix).toBe(true);
        // 7 × 7 cells, each with its count.
        const counts = await page.locator('figure:has-text("Confusion matrix") svg:visible g[aria-label="text"] text').count();
        expect(counts).toBe(49);
        expect(texts.filter((t) => t.where === 'svg').length).toBeGreaterThan(49);
        const poor = texts
          .filter((t) => t.ratio < 4.5)
          .map((t) => `${t.where} "${t.text}" ${t.colour} on ${t.background}: ${t.ratio.toFixed(2)}`);
        expect(poor).toEqual([]);

        for (const [w, h] of LOOK_SIZES) {
          await page.setViewportSize({ width: w, height: h });
          await page.screenshot({ path: join(SHOTS, `automl-report-${w}-${look}.png`) });
          await page.locator('figure:has-text("Confusion matrix")').evaluate((e) => e.scrollIntoView({ block: 'center' }));
          await page.screenshot({ path: join(SHOTS, `automl-report-charts-${w}-${look}.png`) });
          await page.evaluate(() => window.scrollTo(0, 0));
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
        }
      } finally {
        await page.close();
      }
    });
  }

  it('prints light, whatever the reader or the window chose', async () => {
    const page = await browser.newPage({ colorScheme: 'dark' });
    try {
      await page.goto(pathToFileURL(report).href);
      await page.emulateMedia({ media: 'print' });
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(rgb(CHART_THEMES.light.background));
    } finally {
      await page.close();
    }
  });
});

function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
