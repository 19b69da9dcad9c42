/**
 * Holds on cache files count for the whole folder: a file one FileCache holds is kept by another's
 * eviction on the same folder (two profiles of one session), and a hold left by a process that is gone
 * keeps nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileCache, type Eviction } from '../../../kernel/sharing/client/FileCache';

const root = mkdtempSync(join(tmpdir(), 'silt-holds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Two files of 1,000 bytes, `old` used before `new`. */
function folder(name: string): { dir: string; old: string; young: string } {
  const dir = join(root, name);
  mkdirSync(join(dir, 'files'), { recursive: true });
  const old = join(dir, 'files', 'old.parquet');
  const young = join(dir, 'files', 'young.parquet');
  writeFileSync(old, Buffer.alloc(1000));
  writeFileSync(young, Buffer.alloc(1000));
  utimesSync(old, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  return { dir, old, young };
}

describe('holds on one cache folder', () => {
  it('a file one cache holds is kept by another cache’s eviction on the same folder', async () => {
    const { dir, old, young } = folder('shared');
    const evictions: Eviction[] = [];
    const a = new FileCache(dir, 1, () => undefined);
    const b = new FileCache(dir, 1, (e) => evictions.push(e));
    const release = a.hold([old]);
    await b.evict();
    expect(existsSync(old)).toBe(true);
    expect(existsSync(young)).toBe(false);
    expect(evictions).toEqual([{ files: 1, bytes: 1000, total: 1000, cap: 1 }]);
    release();
    await b.evict();
    expect(readdirSync(join(dir, 'files'))).toEqual([]);
  });

  it('a hold left by a process that is gone keeps nothing, and its file is removed', async () => {
    const { dir, old } = folder('dead');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    mkdirSync(join(dir, 'holds'));
    writeFileSync(join(dir, 'holds', `${gone}.json`), JSON.stringify(['old.parquet']));
    await new FileCache(dir, 1, () => undefined).evict();
    expect(existsSync(old)).toBe(false);
    expect(readdirSync(join(dir, 'holds'))).toEqual([]);
  });
});
