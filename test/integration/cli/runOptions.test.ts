/**
 * `silt run --allow-errors` and `--layout dashboard`, through the built CLI on a real session.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { notebookJson } from '../../helpers/notebookJson';
import { CLI } from '../../helpers/startHost';

const run = promisify(execFile);

const notebook = notebookJson;

describe('silt run options', () => {
  it('--allow-errors runs the cells after a failing one and exits 0, naming the failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-run-'));
    const input = join(dir, 'errs.ipynb');
    writeFileSync(
      input,
      notebook([
        { language: 'typescript', source: 'throw new Error("feed is late")' },
        { source: "SELECT 'after the failure' AS still_ran" },
      ]),
    );
    const out = join(dir, 'out.ipynb');
    const { stderr } = await run(process.execPath, [CLI, 'run', input, '--out', out, '--allow-errors'], { cwd: dir });
    expect(stderr).toMatch(/Cell 1 \(typescript\) failed: Error: feed is late/);
    const cells = JSON.parse(readFileSync(out, 'utf8')).cells;
    expect(cells[0].outputs[0]).toMatchObject({ output_type: 'error', evalue: expect.stringContaining('feed is late') });
    expect(cells[1].outputs[0].data['application/vnd.dataresource+json'].data[0]).toEqual({ still_ran: 'after the failure' });
  }, 60_000);

  it('--layout dashboard writes tiles of prose, tables and charts without code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-run-'));
    const input = join(dir, 'dash.ipynb');
    writeFileSync(
      input,
      notebook([
        { type: 'markdown', source: '# Regional sales' },
        { type: 'markdown', source: '## Today' },
        { source: "SELECT 'north' AS region, 1250 AS amount UNION ALL SELECT 'south', 830 ORDER BY region" },
        { source: 'SELECT 2080 AS revenue, 2 AS regions' },
        {
          language: 'typescript',
          source: "Plot.plot({ marks: [Plot.barY([{ r: 'north', a: 1250 }, { r: 'south', a: 830 }], { x: 'r', y: 'a' })] })",
        },
      ]),
    );
    const out = join(dir, 'dash.html');
    await run(process.execPath, [CLI, 'run', input, '--to', 'html', '--layout', 'dashboard', '--out', out], { cwd: dir });
    const html = readFileSync(out, 'utf8');
    expect(html.match(/Regional sales/g)).toHaveLength(2); // <title> and <h1>, not again as a tile
    expect(html).toContain('<h1>Regional sales</h1>');
    expect(html).toMatch(/<div class="dash-heading" data-cell-id="m1"><h2>Today<\/h2><\/div>/);
    expect(html.match(/<section class="tile/g)).toHaveLength(3);
    expect(html).toMatch(/<td[^>]*>north<\/td>/);
    // A one-row result shows as figures, as in the dashboard view.
    expect(html).toContain('<dl class="kpis"><div><dt>revenue</dt><dd>2,080</dd></div><div><dt>regions</dt><dd>2</dd></div></dl>');
    expect(html).toMatch(/<section class="tile chart" data-cell-id="c4">/);
    expect(html).toMatch(/<img class="chart" alt="Chart" src="data:image\/svg\+xml;base64,/);
    // No code: neither the SQL nor the TypeScript that made them.
    expect(html).not.toContain('UNION ALL');
    expect(html).not.toContain('Plot.barY');
    expect(html).not.toContain('<script');

    // The same tiles on paper, landscape.
    const pdf = join(dir, 'dash.pdf');
    await run(process.execPath, [CLI, 'run', input, '--to', 'pdf', '--layout', 'dashboard', '--out', pdf], { cwd: dir });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    // The figures: labels side by side, values side by side under them.
    expect(text).toMatch(/REVENUE +REGIONS/);
    expect(text).toMatch(/2,080 +2\s*$/m);
    expect(text).not.toContain('UNION ALL');
    const size = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(size)!.slice(1).map(Number);
    expect(w).toBeGreaterThan(h);
  }, 90_000);
});
