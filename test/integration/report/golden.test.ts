/**
 * What a user sees in an exported report, compared with reviewed files under test/golden/report.
 * Regenerate with UPDATE_GOLDEN=1 after looking at the new output (render the HTML in Chromium).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIpynb } from '../../../kernel/notebook/fromIpynb';
import { exportReport } from '../../../kernel/report/exportReport';
import { ROOT } from '../../helpers/startHost';

const FIXTURE = join(ROOT, 'test/fixtures/report/sales.ipynb');
const GOLDEN = join(ROOT, 'test/golden/report');
const DATE = new Date('2026-03-31T12:00:00Z');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

function expectGolden(outDir: string, names: string[]): void {
  for (const name of names) {
    const got = readFileSync(join(outDir, name), 'utf8');
    const golden = join(GOLDEN, name);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, got);
    }
    expect(existsSync(golden), `${name} has no golden file; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(got, `${name} differs from test/golden/report/${name}`).toBe(readFileSync(golden, 'utf8'));
  }
}

describe('report golden files', () => {
  const nb = parseIpynb(readFileSync(FIXTURE, 'utf8'), FIXTURE);
  const opts = { author: 'Ada Analyst', date: DATE };

  it('exports the fixture notebook to self-contained HTML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-report-'));
    const r = await exportReport(nb, { ...opts, format: 'html', path: join(dir, 'sales.html') });
    expect(r.bytes).toBe(readFileSync(r.path).byteLength);
    expectGolden(dir, ['sales.html']);
  });

  it('exports the fixture notebook to Markdown with the chart written next to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-report-'));
    await exportReport(nb, { ...opts, format: 'md', path: join(dir, 'sales.md') });
    expect(files(dir)).toEqual(['sales.md', join('sales_files', 'chart-1.svg')]);
    expectGolden(dir, ['sales.md', join('sales_files', 'chart-1.svg')]);
  });

  it('exports the fixture notebook to ipynb', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-report-'));
    await exportReport(nb, { ...opts, format: 'ipynb', path: join(dir, 'sales.ipynb') });
    expectGolden(dir, ['sales.ipynb']);
  });

  it('leaves code out with hideCode but keeps every output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-report-'));
    const { path } = await exportReport(nb, { ...opts, hideCode: true, format: 'html', path: join(dir, 'sales.html') });
    const html = readFileSync(path, 'utf8');
    expect(html).not.toContain('GROUP BY');
    expect(html).not.toContain('class="code"');
    expect(html).toContain('North');
    expect(html).toContain('total revenue: 4154.5');
    expect(html).toContain('totl is not defined');
  });
});
