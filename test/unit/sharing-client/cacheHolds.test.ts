/**
 * Holds on cache files count for the whole folder: a file one FileCache holds is kept by another's
 * eviction on the same folder (two profiles of one session), and a hold left by a process that is gone
 * keeps nothing, also when its PID now belongs to a later process (the start time it records differs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processStart } from '../../../kernel/fs/processAlive';
import { folderHolds, heldNames } from '../../../kernel/sharing/client/cacheHolds';
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

const cache = () => {
  const dir = mkdtempSync(join(root, 'owners-'));
  mkdirSync(join(dir, 'holds'));
  return dir;
};
const holdsOf = (dir: string, pid: number, body: unknown) => writeFileSync(join(dir, 'holds', `${pid}.json`), JSON.stringify(body));

describe('whose holds count', () => {
  it("writes this process's holds with its start time, and forgets them when released", () => {
    const dir = cache();
    const release = folderHolds(dir).add([join(dir, 'files', 'a.parquet'), 'b.parquet']);
    const file = join(dir, 'holds', `${process.pid}.json`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ start: processStart(), names: ['a.parquet', 'b.parquet'] });
    expect([...heldNames(dir)].sort()).toEqual(['a.parquet', 'b.parquet']);
    release();
    expect(existsSync(file)).toBe(false);
    expect(heldNames(dir).size).toBe(0);
  });

  it("counts a running process's holds, not those of a gone process or of an earlier owner of a reused PID", () => {
    const dir = cache();
    const parent = process.ppid;
    holdsOf(dir, parent, { start: processStart(parent), names: ['kept.parquet'] });
    expect([...heldNames(dir)]).toEqual(['kept.parquet']);
    // The same PID, recorded by a process that started earlier: gone, and its file is removed.
    holdsOf(dir, parent, { start: String(Number(processStart(parent)) - 1), names: ['stale.parquet'] });
    expect(heldNames(dir).size).toBe(0);
    expect(existsSync(join(dir, 'holds', `${parent}.json`))).toBe(false);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    holdsOf(dir, gone, { start: '1', names: ['dead.parquet'] });
    expect(heldNames(dir).size).toBe(0);
    expect(existsSync(join(dir, 'holds', `${gone}.json`))).toBe(false);
  });

  it('reads the names-only files written before start times, and keeps a damaged file of a live process', () => {
    const dir = cache();
    holdsOf(dir, process.ppid, ['old.parquet', 7]);
    expect([...heldNames(dir)]).toEqual(['old.parquet']);
    writeFileSync(join(dir, 'holds', `${process.ppid}.json`), '{"start": "1", "na');
    expect(heldNames(dir).size).toBe(0);
    expect(existsSync(join(dir, 'holds', `${process.ppid}.json`))).toBe(true);
  });
});
