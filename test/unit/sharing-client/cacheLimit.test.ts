/**
 * The cache limit's sources and the settings file's storage part: a limit in settings.json wins over
 * SILT_CACHE_MAX, which wins over the default (half of the free space plus what the cache holds); a
 * damaged settings file is passed over with the reason, never an error that stops a read; the file's
 * other settings survive a save.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SiltError } from '../../../common/SiltError';
import { cacheLimit, checkedSize } from '../../../kernel/sharing/client/cacheCap';
import { cacheSettingsFileText } from '../../../kernel/sharing/client/cacheSettings';
import { describeEmptied, setStorageSettings, storageView } from '../../../kernel/sharing/client/storageSettings';
import { FileCache, type Eviction } from '../../../kernel/sharing/client/FileCache';

const dir = mkdtempSync(join(tmpdir(), 'silt-cache-limit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const settings = (text: string | null) => {
  const file = join(dir, `settings-${n++}.json`);
  if (text !== null) writeFileSync(file, text);
  return file;
};
const check = (t: string) => checkedSize(t, 'The cache limit');

describe('the cache limit', () => {
  it('takes the settings first, then SILT_CACHE_MAX, then the default', () => {
    const file = settings(JSON.stringify({ network: { proxy: 'http://p:1' }, storage: { cacheMax: ' 2 GB ' } }));
    expect(cacheLimit(dir, { SILT_SETTINGS_FILE: file, SILT_CACHE_MAX: '500MB' })).toEqual({
      bytes: 2e9,
      source: 'settings',
      text: '2 GB',
    });
    expect(cacheLimit(dir, { SILT_SETTINGS_FILE: settings('{}'), SILT_CACHE_MAX: '500MB' })).toEqual({
      bytes: 5e8,
      source: 'environment',
      text: '500MB',
    });
    // A bad SILT_CACHE_MAX does not matter while the settings set the limit.
    expect(cacheLimit(dir, { SILT_SETTINGS_FILE: file, SILT_CACHE_MAX: 'huge' }).bytes).toBe(2e9);
  });

  it('by default is half of the free space plus what the cache holds, so it does not shrink as the cache fills', () => {
    const s = statfsSync(dir);
    const free = s.bavail * s.bsize;
    const used = 3e12; // as if the cache held 3 TB: the sum, not the free space alone, is halved
    const got = cacheLimit(dir, {}, used);
    expect(got.source).toBe('default');
    // Other processes write to the disk meanwhile: within 1 % of the free space.
    expect(Math.abs(got.bytes - Math.floor((free + used) / 2))).toBeLessThan(free / 100 + 1);
  });

  it('passes over a damaged settings file, saying why, instead of failing the read', () => {
    const file = settings('{"storage": {"cacheMax": "2GB"');
    const got = cacheLimit(dir, { SILT_SETTINGS_FILE: file, SILT_CACHE_MAX: '500MB' });
    expect(got).toMatchObject({ bytes: 5e8, source: 'environment' });
    expect(got.problem).toContain(`Silt's settings file ${file} cannot be read as JSON`);
    const odd = settings(JSON.stringify({ storage: { cacheMax: 'lots' } }));
    expect(cacheLimit(dir, { SILT_SETTINGS_FILE: odd, SILT_CACHE_MAX: '500MB' })).toMatchObject({
      bytes: 5e8,
      problem: `The cache limit in Silt's settings (${odd}) must be a size such as 20GB or 500MB, not "lots"`,
    });
  });
});

describe('a cache evicting under the limit of the moment', () => {
  /** A cache folder with three 1,000-byte files, and what its evictions say. */
  function cacheWithFiles(env: NodeJS.ProcessEnv): { cache: FileCache; evictions: Eviction[] } {
    const cacheDir = join(dir, `cache-${n++}`);
    mkdirSync(join(cacheDir, 'files'), { recursive: true });
    for (const f of ['x', 'y', 'z']) writeFileSync(join(cacheDir, 'files', `${f}.parquet`), Buffer.alloc(1000));
    const evictions: Eviction[] = [];
    return { cache: new FileCache(cacheDir, undefined, (e) => evictions.push(e), env), evictions };
  }

  it('takes a limit saved after it was made, over SILT_CACHE_MAX', async () => {
    const file = settings(null);
    const { cache, evictions } = cacheWithFiles({ SILT_SETTINGS_FILE: file, SILT_CACHE_MAX: '10GB' });
    await cache.evict();
    expect(evictions).toEqual([]);
    writeFileSync(file, JSON.stringify({ storage: { cacheMax: '1500 B' } }));
    await cache.evict();
    expect(evictions).toEqual([{ files: 2, bytes: 2000, total: 1000, cap: 1500 }]);
  });

  it('goes on under SILT_CACHE_MAX when the settings file is damaged, and under the default when SILT_CACHE_MAX is unreadable', async () => {
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stderr.write;
    const file = settings('{');
    try {
      const damaged = cacheWithFiles({ SILT_SETTINGS_FILE: file, SILT_CACHE_MAX: '1500B' });
      await damaged.cache.evict();
      expect(damaged.evictions).toEqual([{ files: 2, bytes: 2000, total: 1000, cap: 1500 }]);
      const unreadable = cacheWithFiles({ SILT_CACHE_MAX: 'huge' });
      const e = await unreadable.cache.evict();
      await unreadable.cache.evict();
      expect([e.files, e.cap >= 1e9]).toEqual([0, true]);
    } finally {
      process.stderr.write = write;
    }
    // Each said once, naming the file or the variable.
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(`^sharing cache: Silt's settings file ${file} cannot be read as JSON: .*; its cache limit is not used\\n$`),
    );
    expect(lines[1]).toBe('sharing cache: SILT_CACHE_MAX must be a size such as 20GB or 500MB, not "huge"; using the default limit\n');
  });
});

describe("the settings file's storage part", () => {
  it('keeps the other settings, and an empty limit removes it', () => {
    const file = settings(JSON.stringify({ network: { proxy: 'http://p:1' }, other: 1 }));
    const saved = JSON.parse(cacheSettingsFileText(file, ' 20GB ', check));
    expect(saved).toEqual({ network: { proxy: 'http://p:1' }, other: 1, storage: { cacheMax: '20GB' } });
    writeFileSync(file, JSON.stringify(saved));
    expect(JSON.parse(cacheSettingsFileText(file, '', check))).toEqual({ network: { proxy: 'http://p:1' }, other: 1, storage: {} });
    expect(JSON.parse(cacheSettingsFileText(settings(null), '1.5GiB', check))).toEqual({ storage: { cacheMax: '1.5GiB' } });
  });

  it('refuses a size it cannot read, and a damaged file it would otherwise overwrite', async () => {
    expect(() => cacheSettingsFileText(settings(null), '-3GB', check)).toThrow(
      'The cache limit must be a size such as 20GB or 500MB, not "-3GB"',
    );
    const damaged = settings('{oops');
    const env = { SILT_SETTINGS_FILE: damaged, SILT_CACHE_DIR: join(dir, 'cache') };
    await expect(setStorageSettings('2GB', env)).rejects.toThrow(`Silt's settings file ${damaged} cannot be read as JSON`);
    expect(readFileSync(damaged, 'utf8')).toBe('{oops');
    // The Storage settings still open, saying what is wrong.
    const view = await storageView(env);
    expect(view.problem).toContain(`${damaged} cannot be read as JSON`);
    expect(view.limitSource).toBe('default');
  });

  it('shows a SILT_CACHE_MAX it cannot read as the problem, with the default in effect for the view', async () => {
    mkdirSync(join(dir, 'cache2'), { recursive: true });
    const view = await storageView({ SILT_SETTINGS_FILE: settings(null), SILT_CACHE_DIR: join(dir, 'cache2'), SILT_CACHE_MAX: 'big' });
    expect(view).toMatchObject({ usedBytes: 0, usedFiles: 0, limitSource: 'default', fromEnvironment: 'big' });
    expect(view.problem).toBe('SILT_CACHE_MAX must be a size such as 20GB or 500MB, not "big"');
  });
});

describe('what Empty cache says', () => {
  it('names what it freed and what a running statement kept', () => {
    expect(describeEmptied({ freedBytes: 0, freedFiles: 0, keptBytes: 0, keptFiles: 0 })).toBe('The cache was already empty.');
    expect(describeEmptied({ freedBytes: 12_300_000, freedFiles: 8, keptBytes: 0, keptFiles: 0 })).toBe('Freed 12.3 MB (8 files).');
    expect(describeEmptied({ freedBytes: 1000, freedFiles: 1, keptBytes: 2500, keptFiles: 1 })).toBe(
      'Freed 1.0 KB (1 file). Kept 1 file (2.5 KB) that is being read by a running statement; empty the cache again once it has finished.',
    );
    expect(describeEmptied({ freedBytes: 0, freedFiles: 0, keptBytes: 2500, keptFiles: 3 })).toBe(
      'Nothing was freed: the 3 files (2.5 KB) in the cache are being read by a running statement. Empty the cache again once it has finished.',
    );
  });
});

describe('the cache limit as typed', () => {
  it('is a whole number of bytes a disk can have, or refused by name: never Infinity, 1e42 or a fraction', () => {
    expect(checkedSize('1.5TiB', 'The cache limit')).toBe(1.5 * 1024 ** 4);
    for (const text of ['9'.repeat(400) + 'GB', '9'.repeat(30) + 'TB', '0.0000001', '00', '1e400', '-5GB']) {
      expect(() => checkedSize(text, 'The cache limit')).toThrow(/^The cache limit must be a size such as 20GB or 500MB, not "/);
    }
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{1,40}(\.\d{1,5})? ?(b|kb|MB|gib|TB|tib|pb)?$/)), (text) => {
        try {
          const n = checkedSize(text, 'The cache limit');
          return Number.isSafeInteger(n) && n > 0;
        } catch (e) {
          return e instanceof SiltError && e.code === 'bad-request';
        }
      }),
      { numRuns: 3000 },
    );
  });
});
