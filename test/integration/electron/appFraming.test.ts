/**
 * No other site can frame the app (a page that overlays Silt in an invisible frame could trick a click
 * on Run or Save): the host sends `frame-ancestors 'none'` and `X-Frame-Options: DENY`, and Chromium
 * refuses such a frame. The app's own HTML outputs, which it shows in sandboxed srcdoc frames, still show.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../helpers/app';
import { launchChromium } from '../../helpers/browser';
import { startHost, type RunningHost } from '../../helpers/startHost';

let host: RunningHost;
let browser: Browser;
let other: Server;
let otherUrl: string;

beforeAll(async () => {
  host = await startHost();
  browser = await launchChromium();
  // A page on another origin (another port of the same machine) that tries to frame the app.
  other = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><iframe id="silt" src="${host.url}"></iframe>`);
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  const address = other.address();
  otherUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
});
afterAll(async () => {
  await browser?.close();
  other?.close();
  await host?.stop();
});

describe('framing the app', () => {
  it('sends frame-ancestors none and X-Frame-Options DENY with the page and its scripts', async () => {
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp.split(';').map((d) => d.trim())).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const script = /<script[^>]+src="([^"]+)"/.exec(await page.text())![1];
    const js = await fetch(new URL(script, host.url), { headers: { Cookie: `silt_token=${host.token}` } });
    expect(js.status).toBe(200);
    expect(js.headers.get('x-frame-options')).toBe('DENY');
  });

  it('is refused by Chromium inside another site’s frame', async () => {
    const page = await browser.newPage();
    try {
      const refused = page.waitForEvent('console', { predicate: (m) => /frame-ancestors|X-Frame-Options/i.test(m.text()) });
      await page.goto(otherUrl);
      expect((await refused).text()).toMatch(/frame-ancestors 'none'/);
      // The frame shows Chromium's error page, never the app.
      const frame = page.frames().find((f) => f !== page.mainFrame())!;
      expect(await frame.locator('#root').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('still shows the app’s own HTML output in its sandboxed frame', async () => {
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          cell_type: 'code',
          metadata: {},
          execution_count: 1,
          source: 'html',
          outputs: [{ output_type: 'display_data', metadata: {}, data: { 'text/html': '<p id="x">Framed by Silt itself</p>' } }],
        },
      ],
    };
    writeFileSync(join(host.workspace, 'html-output.ipynb'), JSON.stringify(nb));
    const page = await openApp(browser, host, '&path=html-output.ipynb');
    try {
      const frame = page.frameLocator('iframe.rich-html');
      await expect.poll(() => frame.locator('#x').textContent(), { timeout: 15_000 }).toBe('Framed by Silt itself');
    } finally {
      await page.close();
    }
  });
});
