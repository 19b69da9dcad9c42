/**
 * A forecast in the app: a TypeScript cell calls automl.forecast on the NOAA fixture and the notebook
 * shows the history-plus-forecast chart (themed like every kernel chart), without sideways overflow
 * in a small window, light and dark.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, SHOTS, startApp, typeInCell, type RunningApp } from '../helpers/app';

const FIXTURE = join(__dirname, '../fixtures/forecast/weather.csv');
let app: RunningApp;

beforeAll(async () => {
  app = await startApp();
}, 60_000);
afterAll(() => app?.close());

describe('forecast chart', () => {
  it('shows history, forecast and intervals for each city, in both themes and at 1024×700', async () => {
    const { page } = app;
    const cell = cells(page).nth(0);
    if ((await cell.getAttribute('data-language')) !== 'typescript') await cell.locator('[data-testid="language-toggle"]').click();
    await typeInCell(
      page,
      0,
      `const weather = await sql\`SELECT location, date, temp_max FROM read_csv_auto('${FIXTURE}')\`
await automl.forecast(weather, { time: 'date', target: 'temp_max', keys: ['location'], horizon: 14 })`,
    );
    await cell.locator('[data-testid="run-cell"]').click();
    const img = cell.locator('[data-testid="output"] img.rich-image');
    await img.waitFor({ timeout: 60_000 });
    const svg = decodeURIComponent((await img.getAttribute('src'))!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    expect(svg).toContain('temp_max: next 14 days');
    expect(svg).toContain('New York');
    expect(svg).toContain('Seattle');
    // Named by its title, for a screen reader and for the file it is saved to (not "chart.png", over the last one).
    expect(await img.getAttribute('alt')).toBe('temp_max: next 14 days');
    await cell.locator('[data-testid="svg-export-png"]').click();
    const save = page.locator('[data-testid="export-chart-dialog"]');
    expect(await save.locator('[data-testid="export-chart-path"]').inputValue()).toBe(
      join(app.host.workspace, 'temp_max-next-14-days.png'),
    );
    await save.locator('[data-testid="dialog-ok"]').click();
    await expect.poll(() => cell.locator('[data-testid="svg-export-saved"]').textContent()).toContain('temp_max-next-14-days.png');
    expect(existsSync(join(app.host.workspace, 'temp_max-next-14-days.png'))).toBe(true);

    for (const [w, h] of [
      [1440, 900],
      [1024, 700],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      for (const theme of ['light', 'dark']) {
        if ((await page.evaluate(() => document.documentElement.dataset.theme ?? 'light')) !== theme) {
          await page.locator('[data-testid="theme-toggle"]').click();
        }
        await img.scrollIntoViewIfNeeded();
        await expect.poll(() => img.getAttribute('data-theme')).toBe(theme);
        await page.screenshot({ path: join(SHOTS, `forecast-${w}-${theme}.png`) });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
      }
    }
  }, 120_000);
});
