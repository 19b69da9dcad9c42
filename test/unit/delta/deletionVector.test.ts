import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDeletionVector } from '../../../kernel/delta';
import { decodeDeletionVectorPayload, dvFilePath } from '../../../kernel/delta/deletionVector';
import { decodeRoaring64 } from '../../../kernel/delta/roaring';
import { SHARED } from '../../helpers/shared';

const DATA = `${SHARED}/data/delta`;
const tmp = mkdtempSync(join(tmpdir(), 'silt-dv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Builds a portable 64-bit Roaring layout byte by byte from the format description. */
function bytes(parts: [number, 'u8' | 'u16' | 'u32' | 'u64'][]): Uint8Array {
  const width = { u8: 1, u16: 2, u32: 4, u64: 8 };
  const size = parts.reduce((s, [, w]) => s + width[w], 0);
  const view = new DataView(new ArrayBuffer(size));
  let pos = 0;
  for (const [v, w] of parts) {
    if (w === 'u8') view.setUint8(pos, v);
    if (w === 'u16') view.setUint16(pos, v, true);
    if (w === 'u32') view.setUint32(pos, v, true);
    if (w === 'u64') view.setBigUint64(pos, BigInt(v), true);
    pos += width[w];
  }
  return new Uint8Array(view.buffer);
}

describe('roaring', () => {
  it('decodes array containers across two 64-bit buckets', () => {
    const layout = bytes([
      [2, 'u64'],
      [0, 'u32'],
      [12346, 'u32'],
      [1, 'u32'],
      [0, 'u16'],
      [2, 'u16'],
      [16, 'u32'],
      [1, 'u16'],
      [7, 'u16'],
      [65535, 'u16'],
      [1, 'u32'],
      [12346, 'u32'],
      [1, 'u32'],
      [2, 'u16'],
      [0, 'u16'],
      [16, 'u32'],
      [5, 'u16'],
    ]);
    expect(decodeRoaring64(layout)).toEqual([1, 7, 65535, 2 ** 32 + 2 * 65536 + 5]);
  });

  it('decodes run containers (cookie 12347) and bitmap containers', () => {
    const run = bytes([
      [1, 'u64'],
      [0, 'u32'],
      [12347, 'u32'],
      [1, 'u8'],
      [0, 'u16'],
      [99, 'u16'],
      [1, 'u16'],
      [10, 'u16'],
      [99, 'u16'],
    ]);
    expect(decodeRoaring64(run)).toEqual(Array.from({ length: 100 }, (_, i) => 10 + i));

    const header = bytes([
      [1, 'u64'],
      [0, 'u32'],
      [12346, 'u32'],
      [1, 'u32'],
      [1, 'u16'],
      [4999, 'u16'],
      [16, 'u32'],
    ]);
    const bitmap = new Uint8Array(8192);
    for (let v = 0; v < 10000; v += 2) bitmap[v >> 3] |= 1 << (v & 7);
    const all = new Uint8Array(header.length + bitmap.length);
    all.set(header);
    all.set(bitmap, header.length);
    const decoded = decodeRoaring64(all);
    expect(decoded.length).toBe(5000);
    expect(decoded.slice(0, 3)).toEqual([65536, 65538, 65540]);
    expect(decoded[4999]).toBe(65536 + 9998);
  });

  it('rejects a payload without the deletion vector magic', () => {
    expect(() => decodeDeletionVectorPayload(new Uint8Array(16))).toThrow(/magic/);
  });
});

describe('readDeletionVector', () => {
  // Expected rows follow from the CDF figures in expected.json for cdf-table-with-dv (value = row index).
  it('decodes inline Z85 vectors, including the #-padded one', async () => {
    const inline = (pathOrInlineDv: string, sizeInBytes: number, cardinality: number) =>
      readDeletionVector(DATA, { storageType: 'i', pathOrInlineDv, sizeInBytes, cardinality });
    expect(await inline('^Bg9^0rr910000000000iXQKl0rr91000935c8Xg000311onP9', 40, 4)).toEqual([0, 1, 4, 5]);
    expect(await inline('^Bg9^0rr910000000000iXQKl0rr91000315c8Xg000f5', 36, 2)).toEqual([0, 5]);
    expect(await inline('^Bg9^0rr910000000000iXQKl0rr91000005c8Xg##093', 34, 1)).toEqual([3]);
  });

  const dv = { storageType: 'u' as const, pathOrInlineDv: 'vBn[lx{q8@P<9BNH/isA', offset: 1, sizeInBytes: 36, cardinality: 2 };

  it('reads an on-disk vector named by a Z85 UUID, checking its CRC', async () => {
    const root = join(DATA, 'table-with-dv-small');
    expect(dvFilePath(root, dv)).toBe(join(root, 'deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin'));
    expect(await readDeletionVector(root, dv)).toEqual([0, 9]);
  });

  it('refuses a vector whose bytes were corrupted', async () => {
    const name = 'deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin';
    copyFileSync(join(DATA, 'table-with-dv-small', name), join(tmp, name));
    const data = readFileSync(join(tmp, name));
    data[20] ^= 0xff;
    writeFileSync(join(tmp, name), data);
    await expect(readDeletionVector(tmp, dv)).rejects.toThrow(/CRC/);
  });
});
