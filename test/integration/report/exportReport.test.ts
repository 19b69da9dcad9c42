/**
 * Reports as files on disk: PDF through the real headless Chromium, read by poppler's tools; a
 * folder the user cannot write to; and the HTML opened in Chromium, where nothing may run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseIpynb } from '../../../kernel/notebook/fromIpynb';
import type { NotebookModel } from '../../../kernel/protocol';
import { exportReport } from '../../../kernel/report/exportReport';
import { launchChromium } from '../../helpers/browser';
import { ROOT } from '../../helpers/startHost';
import { readOnlyDir } from './readOnlyDir';

const nb = parseIpynb(readFileSync(join(ROOT, 'test/fixtures/report/sales.ipynb'), 'utf8'));

/** Pixels of a PPM (P6) image within `tolerance` of an RGB colour. */
function countColour(ppm: Buffer, [r, g, b]: [number, number, number], tolerance = 12): number {
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error('not a PPM image');
  let n = 0;
  for (let i = header[0].length; i + 2 < ppm.length; i += 3) {
    if (Math.abs(ppm[i] - r) <= tolerance && Math.abs(ppm[i + 1] - g) <= tolerance && Math.abs(ppm[i + 2] - b) <= tolerance) n++;
  }
  return n;
}

describe('exportReport', () => {
  it('prints a PDF with the title, the table values and the chart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-pdf-test-'));
    const { path, bytes } = await exportReport(nb, { format: 'pdf', path: join(dir, 'sales.pdf'), title: 'Q1 sales review' });
    const pdf = readFileSync(path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes).toBe(pdf.byteLength);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Q1 sales review');
    expect(text).toMatch(/North\s+1702\.5\s+412/);
    expect(text).toContain('showing 4 of 10,000,000 rows');
    expect(text).toContain('Revenue (kEUR)'); // the chart's axis label, drawn from the SVG
    // The chart's bars (#1f6f8b) are on paper, not just their labels.
    const pages = Buffer.concat(
      [1, 2].map((p) => execFileSync('pdftoppm', ['-f', String(p), '-l', String(p), '-r', '40', path], { maxBuffer: 1 << 26 })),
    );
    expect(countColour(pages, [0x1f, 0x6f, 0x8b])).toBeGreaterThan(1000);
    expect(readdirSync(dir)).toEqual(['sales.pdf']);
  });

  it('prints on the paper asked for: A4 or Letter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-pdf-test-'));
    for (const [pageSize, points] of [
      ['A4', /Page size: +59[45][.0-9]* x 84[12][.0-9]* pts \(A4\)/],
      ['Letter', /Page size: +612 x 792 pts \(letter\)/],
    ] as const) {
      const { path } = await exportReport(nb, { format: 'pdf', path: join(dir, `${pageSize}.pdf`), pageSize });
      expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(points);
    }
  });

  it('names what to install when no Chromium is found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-pdf-test-'));
    const env = { PATH: dir };
    await expect(exportReport(nb, { format: 'pdf', path: join(dir, 'x.pdf'), env })).rejects.toThrow(
      /apt-get install chromium.*SILT_CHROMIUM/,
    );
    await expect(exportReport(nb, { format: 'pdf', path: join(dir, 'x.pdf'), env: { SILT_CHROMIUM: join(dir, 'nope') } })).rejects.toThrow(
      /SILT_CHROMIUM is .*nope, but there is no browser there/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a read-only folder clearly and leaves no file behind', async () => {
    const ro = readOnlyDir();
    try {
      for (const format of ['html', 'md', 'ipynb'] as const) {
        const path = join(ro.dir, `sales.${format}`);
        const error = await exportReport(nb, { format, path }).then(
          () => null,
          (e: Error) => e,
        );
        expect(error?.message).toMatch(new RegExp(`^Cannot write ${ro.dir}/sales[._].*: the folder ${ro.dir}(/sales_files)? is read-only`));
      }
      expect(readdirSync(ro.dir)).toEqual([]);
    } finally {
      ro.release();
    }
  });

  it('keeps the old report when a new one cannot be written', async () => {
    const ro = readOnlyDir({ 'sales.html': 'previous report' });
    try {
      await expect(exportReport(nb, { format: 'html', path: join(ro.dir, 'sales.html') })).rejects.toThrow(/is read-only/);
      expect(readFileSync(join(ro.dir, 'sales.html'), 'utf8')).toBe('previous report');
      expect(readdirSync(ro.dir)).toEqual(['sales.html']);
    } finally {
      ro.release();
    }
  });

  it('runs nothing from outputs when the HTML report is opened in a browser', async () => {
    const evil: NotebookModel = {
      metadata: {},
      cells: [
        { id: 'm', type: 'markdown', source: "# Check\n\n<img src=x onerror=\"document.body.append('PW'+'NED')\">" },
        {
          id: 'c',
          type: 'code',
          language: 'typescript',
          source: 'x',
          executionCount: 1,
          outputs: [
            {
              kind: 'rich',
              data: {
                'text/html':
                  '<p id="inner">frame text</p><script>document.body.append("PW"+"NED"); parent.document.title="PW"+"NED"</script>',
              },
            },
            {
              kind: 'rich',
              data: {
                'image/svg+xml':
                  '<svg xmlns="http://www.w3.org/2000/svg" width="50" height="20" onload="top.document.title=\'PW\'+\'NED\'"><script>top.document.title="PW"+"NED"</script></svg>',
              },
            },
            { kind: 'stream', name: 'stdout', text: '<script>document.body.append("PW"+"NED")</script>' },
          ],
        },
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), 'silt-report-'));
    const { path } = await exportReport(evil, { format: 'html', path: join(dir, 'evil.html') });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(path).href);
      await page.waitForTimeout(300);
      expect(await page.title()).toBe('Check');
      expect(await page.locator('body').innerText()).not.toContain('PWNED');
      expect(await page.frameLocator('iframe.html-output').locator('#inner').textContent()).toBe('frame text');
      expect(await page.frameLocator('iframe.html-output').locator('body').innerText()).not.toContain('PWNED');
      expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && u !== 'about:srcdoc')).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
