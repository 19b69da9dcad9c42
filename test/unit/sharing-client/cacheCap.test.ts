import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { cacheCap, parseByteSize } from '../../../kernel/sharing/client/cacheCap';
import { describeEviction } from '../../../kernel/sharing/client/FileCache';

describe('the sharing cache cap', () => {
  it('reads sizes people write', () => {
    expect(['123', '500MB', '20 GB', '1.5GiB', '2kib', '7b'].map(parseByteSize)).toEqual([123, 5e8, 2e10, 1610612736, 2048, 7]);
    expect(['', 'lots', '-5GB', '5 XB', '1e9'].map(parseByteSize)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('takes SILT_CACHE_MAX, and refuses one it cannot read with a message naming it', () => {
    expect(cacheCap(tmpdir(), { SILT_CACHE_MAX: '250MB' })).toBe(250e6);
    expect(() => cacheCap(tmpdir(), { SILT_CACHE_MAX: 'huge' })).toThrow(/SILT_CACHE_MAX must be a size such as 20GB or 500MB, not "huge"/);
    expect(() => cacheCap(tmpdir(), { SILT_CACHE_MAX: '0' })).toThrow(/SILT_CACHE_MAX/);
  });

  it('is half the free disk by default, and at least 1 GB', () => {
    const s = statfsSync(tmpdir());
    const half = Math.floor((s.bavail * s.bsize) / 2);
    const cap = cacheCap(tmpdir(), {});
    // Other processes write to the disk meanwhile: within 1 % of half the free space.
    expect(Math.abs(cap - Math.max(1e9, half))).toBeLessThan(half / 100 + 1);
    // Before the first download makes the folder: the disk of its nearest existing parent.
    const root = cacheCap('/', {});
    expect(Math.abs(cacheCap('/no/such/folder', {}) - root)).toBeLessThan(root / 100 + 1);
  });

  it('says what it evicted, and when files in use keep it over the cap', () => {
    expect(describeEviction({ files: 0, bytes: 0, total: 5000, cap: 1000 })).toBe(
      'sharing cache: 5.0 KB, over its cap of 1.0 KB, as the running query reads all of it',
    );
    expect(describeEviction({ files: 3, bytes: 1_234_000, total: 900, cap: 1000 })).toBe(
      'sharing cache: evicted 3 least recently used files (1.2 MB) to stay under its cap of 1.0 KB',
    );
    expect(describeEviction({ files: 1, bytes: 10, total: 5000, cap: 1000 })).toBe(
      'sharing cache: evicted 1 least recently used file (10 B) to stay under its cap of 1.0 KB; still 5.0 KB, over the cap, as the running query reads the rest',
    );
  });
});
