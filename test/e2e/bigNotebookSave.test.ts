/**
 * A notebook with about 80 MB of outputs, edited in Chromium: autosave keeps a recovery copy, Save
 * writes the file, and the host keeps answering (a WebSocket message over 64 MiB used to kill it).
 * Over the host's save limit, the user reads why and still gets a recovery copy.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, MOD, openApp, SHOTS } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { hostAnswers } from '../helpers/hostAnswers';
import { startHost, type RunningHost } from '../helpers/startHost';

const MB = 1024 * 1024;
// 80 MB goes through JSON, the socket, React and the disk several times: more than the default 60 s on a busy CI.
let browser: Browser;

/**
 * An .ipynb whose cells each carry a `blobMb` MB payload in a MIME type the window does not draw
 * (it shows the small text/plain beside it), so the test measures saving, not rendering.
 */
function writeBigNotebook(file: string, cellCount: number, blobMb: number): void {
  const cellsJson = Array.from({ length: cellCount }, (_, i) => ({
    cell_type: 'code',
    id: `big${i}`,
    metadata: { silt: { language: 'sql' } },
    execution_count: i + 1,
    source: `select ${i}`,
    outputs: [
      {
        output_type: 'display_data',
        metadata: {},
        data: { 'text/plain': [`payload ${i}`], 'application/x-silt-payload': String(i % 10).repeat(blobMb * MB) },
      },
    ],
  }));
  writeFileSync(file, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: cellsJson }));
}

/** Replaces the source of a cell by typing, as a user would. */
async function edit(page: import('playwright-core').Page, index: number, text: string): Promise<void> {
  await cells(page).nth(index).locator('[data-testid="cell-editor"] .cm-content').click();
  await page.keyboard.press(`${MOD}+A`);
  await page.keyboard.insertText(text);
}

function recoveryFiles(home: string): string[] {
  const dir = join(home, 'recovery');
  return existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('saving a notebook with 80 MB of outputs', () => {
  let host: RunningHost;
  beforeAll(async () => {
    host = await startHost();
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('autosaves and saves it from the window, and the host keeps answering', async () => {
    const file = join(host.workspace, 'big.ipynb');
    writeBigNotebook(file, 10, 8);
    const page = await openApp(browser, host, `&path=${encodeURIComponent(file)}`);
    expect(await cells(page).count()).toBe(10);
    await expect.poll(() => cells(page).nth(9).locator('[data-testid="output"]').textContent(), { timeout: 20_000 }).toContain('payload 9');

    await edit(page, 0, 'select 42 -- edited in the window');
    await page.keyboard.press('Escape');
    // The autosave timer fires every 3 s; the copy is over 80 MB and carries the edit.
    await expect
      .poll(
        () => recoveryFiles(host.home).find((f) => statSync(f).size > 80 * MB && readFileSync(f, 'utf8').includes('edited in the window')),
        {
          timeout: 60_000,
          interval: 1000,
        },
      )
      .toBeTruthy();
    expect(await hostAnswers(host)).toBe(true);

    await page.keyboard.press(`${MOD}+S`);
    await expect.poll(() => page.locator('[data-testid="dirty-marker"]').count(), { timeout: 60_000 }).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.length).toBeGreaterThan(80 * MB);
    const saved = JSON.parse(text);
    expect(saved.cells[0].source.join('')).toBe('select 42 -- edited in the window');
    expect(saved.cells[9].outputs[0].data['application/x-silt-payload'].length).toBe(8 * MB);
    expect(await page.locator('[data-testid="problem-banner"]').count()).toBe(0);
    // A save supersedes the recovery copy.
    await expect.poll(() => recoveryFiles(host.home).length, { timeout: 10_000 }).toBe(0);
    expect(await hostAnswers(host)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'big-notebook-saved.png') });
    await page.close();
  }, 180_000);
});

describe('saving a notebook over the host limit', () => {
  let host: RunningHost;
  beforeAll(async () => {
    host = await startHost([], { env: { SILT_MAX_REQUEST_MB: '16' } });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('says it is too large, keeps the edit in a recovery copy, and the host keeps answering', async () => {
    const file = join(host.workspace, 'huge.ipynb');
    writeBigNotebook(file, 3, 8);
    const before = readFileSync(file, 'utf8');
    const page = await openApp(browser, host, `&path=${encodeURIComponent(file)}`);
    await edit(page, 1, 'select 7 -- must not be lost');
    await page.keyboard.press('Escape');
    await page.keyboard.press(`${MOD}+S`);
    const banner = page.locator('[data-testid="problem-banner"]');
    await expect.poll(() => banner.textContent(), { timeout: 30_000 }).toMatch(/Could not save: The request is \d+ MiB, over the 16 MiB/);
    expect(await banner.textContent()).toMatch(/kept in a recovery copy without the biggest outputs/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    const copy = recoveryFiles(host.home)
      .map((f) => readFileSync(f, 'utf8'))
      .find((t) => t.includes('must not be lost'));
    expect(copy).toBeTruthy();
    expect(copy).toMatch(/An output of 8\.0 MB was left out of this copy/);
    expect(await hostAnswers(host)).toBe(true);
    // Reopening the file offers the recovery copy with the edit.
    const reopened = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Sizes of the autosave requests this window sends, read off its WebSocket.
    const autosaves: number[] = [];
    reopened.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        const text = String(payload);
        if (text.includes('"notebook.autosave"')) autosaves.push(text.length);
      }),
    );
    await reopened.goto(`${host.url}&path=${encodeURIComponent(file)}`);
    await reopened.locator('[data-testid="restore-recovery"]').click({ timeout: 20_000 });
    await expect.poll(() => cells(reopened).nth(1).locator('.cm-content').textContent()).toContain('must not be lost');
    expect(await cells(reopened).nth(1).locator('[data-testid="output"]').textContent()).toMatch(/left out of this copy/);
    // Further edits: once a copy was refused as too large, the window stops sending whole copies.
    await edit(reopened, 0, 'select 1 -- first edit after restoring');
    await reopened.keyboard.press('Escape');
    await expect.poll(() => autosaves.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    const afterFirst = autosaves.length;
    await edit(reopened, 0, 'select 2 -- second edit after restoring');
    await reopened.keyboard.press('Escape');
    await expect.poll(() => autosaves.length, { timeout: 30_000 }).toBeGreaterThan(afterFirst);
    await edit(reopened, 0, 'select 3 -- third edit after restoring');
    await reopened.keyboard.press('Escape');
    await expect
      .poll(() => recoveryFiles(host.home).some((f) => readFileSync(f, 'utf8').includes('third edit after restoring')), { timeout: 30_000 })
      .toBe(true);
    expect(autosaves.filter((n) => n > 16 * MB).length).toBeLessThanOrEqual(1);
    await page.close();
    await reopened.close();
  }, 180_000);
});
