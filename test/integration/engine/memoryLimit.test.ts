/**
 * A session's DuckDB works within a memory limit and spills to a folder of its own rather than
 * take the machine's memory: SILT_MEMORY_LIMIT and SILT_TEMP_DIR set them, a sort several times
 * bigger than the limit still finishes with the right answer, and a bad limit is a clear error.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckEngine } from '../../../kernel/engine/DuckEngine';

const saved = { limit: process.env.SILT_MEMORY_LIMIT, temp: process.env.SILT_TEMP_DIR };
const dirs: string[] = [];
afterEach(() => {
  for (const [k, v] of [
    ['SILT_MEMORY_LIMIT', saved.limit],
    ['SILT_TEMP_DIR', saved.temp],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const one = async (e: DuckEngine, sql: string) => (await e.connection.runAndReadAll(sql)).getRows()[0];

describe('DuckDB memory limit and spill folder', () => {
  it('sorts ~3× its memory limit by spilling into SILT_TEMP_DIR', async () => {
    const spill = mkdtempSync(join(tmpdir(), 'silt-spill-'));
    dirs.push(spill);
    process.env.SILT_MEMORY_LIMIT = '64MB';
    process.env.SILT_TEMP_DIR = spill;
    const e = await DuckEngine.create();
    try {
      const [limit, temp] = await one(e, "SELECT current_setting('memory_limit'), current_setting('temp_directory')");
      expect(limit).toBe('61.0 MiB'); // DuckDB shows 64 MB in MiB
      expect(String(temp).startsWith(join(spill, `${process.pid}-`))).toBe(true);
      await e.connection.run('SET threads = 1');
      // 1.5M rows of 64-character strings: ~190 MB to sort, far above the limit.
      const [n, first] = await one(
        e,
        `SELECT count(*), min(h) FROM (SELECT h FROM (SELECT md5(i::VARCHAR) || md5((i + 1)::VARCHAR) AS h FROM range(1500000) t(i)) ORDER BY h)`,
      );
      expect(Number(n)).toBe(1_500_000);
      const [want] = await one(e, `SELECT min(md5(i::VARCHAR) || md5((i + 1)::VARCHAR)) FROM range(1500000) t(i)`);
      expect(first).toBe(want);
      expect(readdirSync(spill).length).toBe(1); // the engine's own folder, nothing beside it
    } finally {
      await e.close();
    }
  });

  it('refuses a memory limit DuckDB cannot read, naming the setting', async () => {
    process.env.SILT_MEMORY_LIMIT = 'lots';
    await expect(DuckEngine.create()).rejects.toThrow(/memory limit "lots".*SILT_MEMORY_LIMIT/);
  });
});
