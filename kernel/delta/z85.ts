const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/**
 * Decodes Z85 (ZeroMQ RFC 32). Two tail conventions occur in Delta logs: Delta pads the data to a
 * multiple of 4 (callers trim to `sizeInBytes`), while the Rust z85 crate encodes a k-byte tail as
 * k+1 characters, sometimes left-padded with '#' to a full block. A real block can never start with
 * '#' (84·85⁴ overflows 32 bits), so a leading '#' in the last block is always padding.
 */
export function z85Decode(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 5) {
    let block = text.slice(i, i + 5);
    const last = i + 5 >= text.length;
    if (last && (block.length < 5 || block.startsWith('#'))) {
      block = block.replace(/^#+/, '');
      const bytes = block.length - 1;
      if (bytes < 1) throw new Error('invalid Z85 tail');
      let value = 0n;
      for (const ch of block) value = value * 85n + BigInt(digit(ch));
      for (let b = bytes - 1; b >= 0; b--) out.push(Number((value >> BigInt(8 * b)) & 0xffn));
      break;
    }
    let value = 0;
    for (const ch of block) value = value * 85 + digit(ch);
    if (value > 0xffffffff) throw new Error(`invalid Z85 block "${block}"`);
    out.push(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
  }
  return Uint8Array.from(out);
}

/** Encodes bytes whose length is a multiple of 4 (the only form Delta writers produce). */
export function z85Encode(bytes: Uint8Array): string {
  if (bytes.length % 4 !== 0) throw new Error('Z85 input length must be a multiple of 4');
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    let value = ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
    let block = '';
    for (let d = 0; d < 5; d++) {
      block = ALPHABET[value % 85] + block;
      value = Math.floor(value / 85);
    }
    out += block;
  }
  return out;
}

function digit(ch: string): number {
  const code = ch.charCodeAt(0);
  const v = code < 128 ? VALUE[code] : -1;
  if (v < 0) throw new Error(`invalid Z85 character "${ch}"`);
  return v;
}
