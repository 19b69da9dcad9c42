import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../common/formatBytes';
import { describeSkipped, skippedFiles } from '../../../kernel/sharing/client/skippedFiles';
import type { SharedFile, SharedMetadata } from '../../../kernel/sharing/client/types';

const file = (id: string, size: number) => ({ id, size, url: '', partitionValues: {} }) as unknown as SharedFile;
const meta = (m: Partial<SharedMetadata> = {}) =>
  ({ id: 't', format: { provider: 'parquet' }, schemaString: '', partitionColumns: [], ...m }) as SharedMetadata;
const all = Array.from({ length: 200 }, (_, i) => file(`f${i}`, 500_000));

describe('skippedFiles', () => {
  it('counts what the client dropped from an answer of every file', () => {
    const s = skippedFiles(all.slice(0, 20), all, meta())!;
    expect(s).toEqual({ files: 180, of: 200, bytes: 90_000_000 });
    expect(describeSkipped(s)).toBe('skipped 180 of 200 files (90.0 MB)');
  });

  it('counts files the server already left out when its metaData gives the table’s size', () => {
    expect(skippedFiles(all.slice(0, 5), all.slice(0, 10), meta({ numFiles: 200, size: 100_000_000 }))).toEqual({
      files: 195,
      of: 200,
      bytes: 97_500_000,
    });
  });

  it('trusts the answer over metaData figures smaller than it, and reports no skip when all is read', () => {
    expect(skippedFiles(all.slice(0, 2), all.slice(0, 4), meta({ numFiles: 1, size: 10 }))).toEqual({ files: 2, of: 4, bytes: 1_000_000 });
    expect(skippedFiles(all, all, meta({ numFiles: 200, size: 100_000_000 }))).toBeUndefined();
  });

  it('formats bytes as the window does', () => {
    expect([formatBytes(812), formatBytes(97_040_000), formatBytes(1_500_000_000)]).toEqual(['812 B', '97.0 MB', '1.5 GB']);
    expect(describeSkipped({ files: 1, of: 1, bytes: 0 })).toBe('skipped 1 of 1 file (0 B)');
  });
});
