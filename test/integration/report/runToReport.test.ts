/** `silt run --to …` through the real CLI: a DuckDB query with a parameter, straight to a report. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI } from '../../helpers/startHost';
import { readOnlyDir } from './readOnlyDir';

const run = promisify(execFile);

function writeNotebook(dir: string): string {
  const code = (id: string, language: string, source: string, extra: Record<string, unknown> = {}) => ({
    cell_type: 'code',
    id,
    execution_count: null,
    outputs: [],
    source,
    metadata: { silt: { language }, ...extra },
  });
  const path = join(dir, 'regional.ipynb');
  writeFileSync(
    path,
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { cell_type: 'markdown', id: 'h', metadata: {}, source: '# Regional revenue\n\nOne region, picked by parameter.' },
        code('p', 'typescript', 'const region = "North"', { tags: ['parameters'] }),
        code(
          'q',
          'sql',
          "SELECT region, amount * 1000 AS revenue FROM (VALUES ('North', 7), ('South', 42)) t(region, amount) WHERE region = getvariable('region')",
        ),
        code('n', 'sql', 'SELECT range AS n FROM range(250)'),
      ],
    }),
  );
  return path;
}

describe('silt run --to', () => {
  it('runs a parameterised DuckDB notebook and writes a self-contained HTML report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-run-report-'));
    const input = writeNotebook(dir);
    const { stderr } = await run(process.execPath, [CLI, 'run', input, '-p', 'region=South', '--to', 'html', '--author', 'Ops team'], {
      cwd: dir,
    });
    const out = join(dir, 'regional.html');
    expect(stderr).toContain(`wrote ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<title>Regional revenue</title>');
    expect(html).toContain('Ops team');
    expect(html).toMatch(/<td>South<\/td><td class="num">42000<\/td>/);
    expect(html).not.toContain('<td>North</td>');
    expect(html).toContain('showing 100 of 250 rows');
    expect(html).toContain('getvariable');
    expect(html).not.toMatch(/<script/i);
    // The notebook itself is left as it was: a report run does not rewrite its source.
    expect(JSON.parse(readFileSync(input, 'utf8')).cells[2].outputs).toEqual([]);
  });

  it('hides code and sets the title when asked, and writes Markdown where --out says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-run-report-'));
    const input = writeNotebook(dir);
    const out = join(dir, 'out', 'summary.md');
    await run(
      process.execPath,
      [CLI, 'run', input, '-p', 'region=North', '--to', 'md', '--out', out, '--hide-code', '--title', 'Weekly summary'],
      { cwd: dir },
    );
    const md = readFileSync(out, 'utf8');
    expect(md.startsWith('# Weekly summary\n')).toBe(true);
    expect(md).toContain('| North | 7000 |');
    expect(md).not.toContain('getvariable');
  });

  it('fails with one clear line and no file when the output folder is read-only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-run-report-'));
    const input = writeNotebook(dir);
    const ro = readOnlyDir();
    try {
      const err = await run(process.execPath, [CLI, 'run', input, '--to', 'html', '--out', join(ro.dir, 'r.html')], { cwd: dir }).then(
        () => null,
        (e) => e,
      );
      expect(err?.code).toBe(1);
      expect(err.stderr.trim()).toBe(
        `silt: Cannot write ${join(ro.dir, 'r.html')}: the folder ${ro.dir} is read-only or not yours to write in. Choose another folder.`,
      );
      expect(readdirSync(ro.dir)).toEqual([]);
    } finally {
      ro.release();
    }
  });

  it('refuses an unknown format before running anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-run-report-'));
    const input = writeNotebook(dir);
    const err = await run(process.execPath, [CLI, 'run', input, '--to', 'docx'], { cwd: dir }).then(
      () => null,
      (e) => e,
    );
    expect(err?.code).toBe(2);
    expect(err.stderr).toContain('--to takes html, md, pdf, ipynb, not "docx"');
    expect(existsSync(join(dir, 'regional.docx'))).toBe(false);
  });
});
