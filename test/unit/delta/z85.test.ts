import { describe, expect, it } from 'vitest';
import { z85Decode, z85Encode } from '../../../kernel/delta/z85';

describe('z85', () => {
  it('decodes and encodes the ZeroMQ RFC 32 test vector', () => {
    const bytes = Uint8Array.from([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b]);
    expect(z85Decode('HelloWorld')).toEqual(bytes);
    expect(z85Encode(bytes)).toBe('HelloWorld');
  });

  it('decodes the Rust-style last block left-padded with # (2 tail bytes in "##093")', () => {
    // 8 full blocks (32 bytes) then "##093": 3 significant characters carry 2 bytes, 0x03 0x00.
    const text = '^Bg9^0rr910000000000iXQKl0rr91000005c8Xg##093';
    const bytes = z85Decode(text);
    expect(bytes.length).toBe(34);
    expect(Array.from(bytes.subarray(32))).toEqual([0x03, 0x00]);
    // The first 32 bytes start with the deletion vector magic 1681511377, little-endian.
    expect(new DataView(bytes.buffer).getUint32(0, true)).toBe(1681511377);
  });

  it('decodes an unpadded short tail the same way as the #-padded one', () => {
    expect(z85Decode('HelloWorld093')).toEqual(Uint8Array.from([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b, 0x03, 0x00]));
  });

  it('rejects characters outside the alphabet and overflowing blocks', () => {
    expect(() => z85Decode('Hello~orld')).toThrow(/invalid Z85 character/);
    expect(() => z85Decode('%%%%%HelloWorld')).toThrow(/invalid Z85 block/);
  });
});
