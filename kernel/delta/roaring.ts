/** Portable Roaring bitmap decoding (the 64-bit layout Delta deletion vectors use). */

const SERIAL_COOKIE_NO_RUNCONTAINER = 12346;
const SERIAL_COOKIE = 12347;
const NO_OFFSET_THRESHOLD = 4;

/** Decodes a portable 64-bit Roaring bitmap: uint64 bucket count, then per bucket a uint32 high key and a 32-bit bitmap. */
export function decodeRoaring64(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const buckets = Number(view.getBigUint64(0, true));
  let pos = 8;
  const out: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const high = view.getUint32(pos, true);
    pos += 4;
    pos = decodeRoaring32(view, pos, high * 2 ** 32, out);
  }
  return out;
}

/** Appends base + each value of the 32-bit bitmap at `pos` to `out`; returns the position after it. */
export function decodeRoaring32(view: DataView, start: number, base: number, out: number[]): number {
  let pos = start;
  const cookie = view.getUint32(pos, true);
  pos += 4;
  let size: number;
  let runFlags: Uint8Array | undefined;
  if ((cookie & 0xffff) === SERIAL_COOKIE) {
    size = (cookie >>> 16) + 1;
    runFlags = new Uint8Array(view.buffer, view.byteOffset + pos, Math.ceil(size / 8));
    pos += runFlags.length;
  } else if (cookie === SERIAL_COOKIE_NO_RUNCONTAINER) {
    size = view.getUint32(pos, true);
    pos += 4;
  } else {
    throw new Error(`not a portable Roaring bitmap (cookie ${cookie})`);
  }
  const keys: number[] = [];
  const cards: number[] = [];
  for (let i = 0; i < size; i++) {
    keys.push(view.getUint16(pos, true));
    cards.push(view.getUint16(pos + 2, true) + 1);
    pos += 4;
  }
  if (!runFlags || size >= NO_OFFSET_THRESHOLD) pos += 4 * size; // offsets: containers follow in order anyway
  for (let i = 0; i < size; i++) {
    const hi = base + keys[i] * 65536;
    const isRun = runFlags !== undefined && (runFlags[i >> 3] & (1 << (i & 7))) !== 0;
    if (isRun) {
      const runs = view.getUint16(pos, true);
      pos += 2;
      for (let r = 0; r < runs; r++) {
        const from = view.getUint16(pos, true);
        const len = view.getUint16(pos + 2, true);
        pos += 4;
        for (let v = from; v <= from + len; v++) out.push(hi + v);
      }
    } else if (cards[i] > 4096) {
      // The bitmap is 1024 little-endian 64-bit words; reading 32-bit halves avoids BigInt per bit.
      for (let half = 0; half < 2048; half++) {
        const word = view.getUint32(pos + half * 4, true);
        if (word === 0) continue;
        for (let bit = 0; bit < 32; bit++) if (word & (1 << bit)) out.push(hi + half * 32 + bit);
      }
      pos += 8192;
    } else {
      for (let k = 0; k < cards[i]; k++) out.push(hi + view.getUint16(pos + 2 * k, true));
      pos += 2 * cards[i];
    }
  }
  return pos;
}
