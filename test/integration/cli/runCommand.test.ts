import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI } from '../../helpers/startHost';

const run = promisify(execFile);

function notebook(cells: { language: 'sql' | 'typescript'; source: string; tags?: string[]; name?: string }[]) {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map((c, i) => ({
      cell_type: 'code',
      id: `c${i}`,
      execution_count: null,
      outputs: [],
      source: c.source,
      metadata: { silt: { language: c.language, ...(c.name ? { name: c.name } : {}) }, ...(c.tags ? { tags: c.tags } : {}) },
    })),
  });
}

describe('silt run', () => {
  it('runs every cell headless with parameters and writes the outputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-run-'));
    const input = join(dir, 'report.ipynb');
    writeFileSync(
      input,
      notebook([
        { language: 'typescript', source: 'const limit = 2\nconst city = "none"', tags: ['parameters'] },
        {
          language: 'sql',
          source: "SELECT getvariable('city') AS city, n FROM range(10) t(n) WHERE n < getvariable('limit')",
          name: 'picked',
        },
        { language: 'typescript', source: 'console.log(`${city}:${limit}:${picked.shape[0]}`)' },
      ]),
    );
    const out = join(dir, 'out.ipynb');
    await run(process.execPath, [CLI, 'run', input, '--out', out, '-p', 'limit=3', '-p', 'city=Lyon'], { cwd: dir });
    const nb = JSON.parse(readFileSync(out, 'utf8'));
    const codeCells = nb.cells.filter((c: { cell_type: string }) => c.cell_type === 'code');
    expect(codeCells.some((c: { metadata: { tags?: string[] } }) => c.metadata.tags?.includes('injected-parameters'))).toBe(true);
    const last = codeCells[codeCells.length - 1];
    expect(last.outputs[0]).toMatchObject({ output_type: 'stream', text: ['Lyon:3:3\n'] });
    const table = codeCells.find((c: { metadata: { silt: { name?: string } } }) => c.metadata.silt.name === 'picked').outputs[0];
    expect(table.metadata.silt.rowCount).toBe(3);
    expect(table.data['application/vnd.dataresource+json'].data[0]).toEqual({ city: 'Lyon', n: '0' });
  });

  it('exits non-zero naming the failing cell and its error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-run-'));
    const input = join(dir, 'broken.ipynb');
    writeFileSync(
      input,
      notebook([
        { language: 'sql', source: 'SELECT 1' },
        { language: 'typescript', source: 'const a = 1\nthrow new Error("bad data in feed")' },
        { language: 'sql', source: 'SELECT 2' },
      ]),
    );
    const err = await run(process.execPath, [CLI, 'run', input], { cwd: dir }).then(
      () => null,
      (e) => e,
    );
    expect(err?.code).toBe(1);
    expect(err.stderr).toMatch(/Cell 2 \(typescript\) failed: Error: bad data in feed \(line 2\)/);
    const nb = JSON.parse(readFileSync(input, 'utf8'));
    expect(nb.cells[0].outputs).toHaveLength(1);
    expect(nb.cells[2].outputs).toHaveLength(0);
  });

  it('refuses a file that is not a notebook with one clear line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-run-'));
    const input = join(dir, 'nope.ipynb');
    writeFileSync(input, 'not json');
    const err = await run(process.execPath, [CLI, 'run', input]).then(
      () => null,
      (e) => e,
    );
    expect(err?.code).toBe(1);
    expect(err.stderr.trim()).toMatch(/^silt: .*nope\.ipynb is not valid JSON/);
    expect(err.stderr).not.toMatch(/\n\s+at /);
  });
});
