/**
 * The window survives its kernel host: the desktop shell's supervisor runs the real host, the page
 * runs in Chromium, and the host is killed with SIGKILL. The page says it lost the connection, comes
 * back on its own with the unsaved edit still in the editor, runs cells again, and a reload (what the
 * shell does when a page dies) offers the recovery copy of the unsaved edits.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchKernel } from '../../electron/kernelLaunch';
import { KernelSupervisor } from '../../electron/KernelSupervisor';
import { ipynbText } from '../../kernel/notebook/toIpynb';
import { cells, SHOTS, typeInCell } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { CLI } from '../helpers/startHost';

let home: string;
let supervisor: KernelSupervisor;
let browser: Browser;
let page: Page;
let notebook: string;
const restarts: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  home = mkdtempSync(join(tmpdir(), 'silt-restart-'));
  const workspace = join(home, 'ws');
  mkdirSync(workspace);
  notebook = join(workspace, 'kept.ipynb');
  writeFileSync(
    notebook,
    ipynbText({
      metadata: {},
      cells: [{ id: 'c1', type: 'code', language: 'typescript', source: '1 + 1', outputs: [], executionCount: null }],
    }),
  );
  supervisor = new KernelSupervisor({
    launch: (args, env) =>
      launchKernel({
        execPath: process.execPath,
        cliPath: CLI,
        args: ['--no-demo', '--workspace', workspace, ...args],
        env: { SILT_HOME: home, DISPLAY: '', ...env },
      }),
    askRetry: async () => false,
    onRestarted: (url) => restarts.push(url),
  });
  const url = await supervisor.start();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${url}&path=${encodeURIComponent(notebook)}`);
  await page.waitForFunction(() => (window as unknown as { __silt?: { ready: boolean } }).__silt?.ready === true, null, {
    timeout: 20_000,
  });
});

afterAll(async () => {
  await browser?.close();
  supervisor?.stop();
  rmSync(home, { recursive: true, force: true });
});

const output = () => cells(page).nth(0).locator('[data-testid="output"]');

describe('the window survives its kernel host', () => {
  it('reconnects to the restarted host with the unsaved edit intact, and runs cells again', async () => {
    await typeInCell(page, 0, '6 * 7');
    await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
    await expect.poll(() => output().textContent(), { timeout: 15_000 }).toContain('42');
    // Autosave has kept a recovery copy of the unsaved edit.
    await expect.poll(() => readdirSync(join(home, 'recovery')).length, { timeout: 10_000 }).toBeGreaterThan(0);

    process.kill(supervisor.pid!, 'SIGKILL');
    await expect.poll(() => page.locator('[data-testid="connection-banner"]').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-testid="connection-banner"]').count(), { timeout: 20_000 }).toBe(0);
    // The page may reconnect before the supervisor has read the new host's address line.
    await expect.poll(() => restarts.length, { timeout: 10_000 }).toBe(1);
    expect(await cells(page).nth(0).locator('.cm-content').textContent()).toBe('6 * 7');

    await typeInCell(page, 0, '6 * 7 + 1');
    await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
    await expect.poll(() => output().textContent(), { timeout: 15_000 }).toContain('43');
    await page.screenshot({ path: join(SHOTS, 'host-restarted.png') });
  });

  it('a reloaded page (the shell reloads a page that died) offers the recovery copy of the unsaved edits', async () => {
    // Autosave goes on against the restarted host: the last edit reaches the recovery copy.
    const recovered = () =>
      readdirSync(join(home, 'recovery'))
        .map((f) => readFileSync(join(home, 'recovery', f), 'utf8'))
        .join('');
    await expect.poll(recovered, { timeout: 10_000 }).toContain('6 * 7 + 1');
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __silt?: { ready: boolean } }).__silt?.ready === true, null, {
      timeout: 20_000,
    });
    expect(await cells(page).nth(0).locator('.cm-content').textContent()).toBe('1 + 1');
    await page.locator('[data-testid="restore-recovery"]').click();
    expect(await cells(page).nth(0).locator('.cm-content').textContent()).toBe('6 * 7 + 1');
  });
});
