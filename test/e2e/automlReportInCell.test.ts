/**
 * `automl.report(run)` in a cell: a sandboxed frame, which on its own sees only the system's
 * light/dark setting. It shows Silt's look instead, and changes when the theme is toggled; it says
 * how to read its score; the frame is named after the report.
 */
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_THEMES } from '../../common/chartTheme';
import { cells, SHOTS, startApp, typeInCell, type RunningApp } from '../helpers/app';
import { LOOK_SIZES, setTheme } from '../helpers/looks';

let app: RunningApp;
let page: Page;

const CODE = `const rows = Array.from({ length: 300 }, (_, i) => ({ x: i % 17, y: (i * 7) % 13, label: (i % 17) + ((i * 7) % 13) > 14 ? 'yes' : 'no' }))
const run = await automl.fit(rows, { target: 'label', maxTrials: 3, seed: 1, budgetSeconds: 5 })
automl.report(run)`;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  const cell = cells(page).nth(0);
  if ((await cell.getAttribute('data-language')) !== 'typescript') await cell.locator('[data-testid="language-toggle"]').click();
  await typeInCell(page, 0, CODE);
  await page.keyboard.press('Shift+Enter');
  await cells(page).nth(0).locator('iframe.rich-html').waitFor({ timeout: 60_000 });
});

afterAll(() => app?.close());

const frame = (): FrameLocator => page.frameLocator('iframe.rich-html');
const background = () =>
  frame()
    .locator('body')
    .evaluate((b) => getComputedStyle(b).backgroundColor);
const chartFill = () => frame().locator('figure svg:visible rect').first().getAttribute('fill');

describe('the AutoML report in a cell', () => {
  it("takes Silt's theme over the system's, and follows the toggle", async () => {
    for (const [system, silt] of [
      ['light', 'dark'],
      ['dark', 'light'],
    ] as const) {
      await page.emulateMedia({ colorScheme: system });
      await setTheme(page, silt);
      await expect.poll(background).toBe(rgb(CHART_THEMES[silt].background));
      expect(await chartFill()).toBe(CHART_THEMES[silt].background);
      for (const [w, h] of LOOK_SIZES) {
        await page.setViewportSize({ width: w, height: h });
        await page.screenshot({ path: join(SHOTS, `automl-report-cell-${w}-${silt}.png`) });
      }
    }
  });

  it('is named after the report, has its charts and says which way the score is better', async () => {
    expect(await cells(page).nth(0).getByTitle('AutoML: label').count()).toBe(1);
    expect(await frame().locator('body').textContent()).toContain('higher is better');
    expect(await frame().locator('figure svg:visible').count()).toBeGreaterThanOrEqual(2);
  });
});

function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
