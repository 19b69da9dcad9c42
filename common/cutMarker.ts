/**
 * The line that stands where a capped stream output lost its middle: "… 40,000 lines (1.2 MB) cut …".
 * It is written into the text itself, so it survives JSON, the .ipynb file and any other reader, and
 * it can be read back: capping a text that already carries one is a no-op, and appending to it keeps
 * counting from where it stood.
 */

export interface Cut {
  /** Newlines in the text that was cut. */
  lines: number;
  /** Its size in UTF-8 bytes (what a file or a socket would have carried). */
  bytes: number;
}

const UNITS: [string, number][] = [
  ['GB', 1e9],
  ['MB', 1e6],
  ['KB', 1e3],
];

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function size(bytes: number): string {
  for (const [unit, scale] of UNITS) if (bytes >= scale) return `${(bytes / scale).toFixed(1)} ${unit}`;
  return `${bytes} bytes`;
}

/** The marker line, without its newline. A cut inside one long line names only its size. */
export function formatCutMarker(cut: Cut): string {
  if (cut.lines === 0) return `… ${size(cut.bytes)} cut …`;
  return `… ${grouped(cut.lines)} line${cut.lines === 1 ? '' : 's'} (${size(cut.bytes)}) cut …`;
}

const SIZE = String.raw`([\d.]+) (bytes|KB|MB|GB)`;
const MARKER = new RegExp(String.raw`^… (?:([\d,]+) lines? \(${SIZE}\)|${SIZE}) cut …$`);

/** The cut a marker line describes (bytes as precise as the line shows them), or null. */
export function parseCutMarker(line: string): Cut | null {
  const m = MARKER.exec(line);
  if (!m) return null;
  const [amount, unit] = m[1] !== undefined ? [m[2], m[3]] : [m[4], m[5]];
  const scale = UNITS.find(([u]) => u === unit)?.[1] ?? 1;
  return { lines: m[1] !== undefined ? Number(m[1].replace(/,/g, '')) : 0, bytes: Math.round(Number(amount) * scale) };
}

/** UTF-8 length without TextEncoder (not part of the pure layer's library). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      // A surrogate pair is one 4-byte character; a lone surrogate is written as U+FFFD (3 bytes).
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** Where a marker line sits in a text, for showing it apart from the output around it. */
export function findCutMarker(text: string): { start: number; end: number } | null {
  for (let at = text.indexOf('\n… '); at >= 0; at = text.indexOf('\n… ', at + 1)) {
    const end = text.indexOf('\n', at + 1);
    if (end >= 0 && parseCutMarker(text.slice(at + 1, end))) return { start: at + 1, end };
  }
  return null;
}
