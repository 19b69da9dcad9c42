import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CappedText, STREAM_CAP, type TextCap } from '../../../common/CappedText';
import { findCutMarker, formatCutMarker, parseCutMarker, utf8Bytes } from '../../../common/cutMarker';

const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `line ${from + i}\n`).join('');

function capped(chunks: string[], cap?: TextCap): string {
  const t = new CappedText(cap);
  for (const c of chunks) t.append(c);
  return t.text();
}

describe('capped stream text', () => {
  it('keeps everything up to the cap, byte for byte, however it arrives', () => {
    const all = lines(0, STREAM_CAP.headLines + STREAM_CAP.tailLines);
    expect(capped([all])).toBe(all);
    expect(capped(all.split(/(?<=\n)/))).toBe(all);
  });

  it('one line over the cap: the first and last 5,000 lines stay and the marker says one line was cut', () => {
    const n = STREAM_CAP.headLines + STREAM_CAP.tailLines + 1;
    const text = capped(lines(0, n).split(/(?<=\n)/));
    const cut = `line ${STREAM_CAP.headLines}\n`;
    expect(text).toBe(`${lines(0, 5000)}… 1 line (${utf8Bytes(cut)} bytes) cut …\n${lines(5001, n)}`);
  });

  it('50,000 lines keep head and tail and count what went: "… 40,000 lines (… KB) cut …"', () => {
    const text = capped(lines(0, 50_000).split(/(?<=\n)/));
    const cutBytes = utf8Bytes(lines(5000, 45_000));
    expect(text.startsWith(lines(0, 5000))).toBe(true);
    expect(text.endsWith(lines(45_000, 50_000))).toBe(true);
    expect(text).toContain(`\n… 40,000 lines (${(cutBytes / 1e3).toFixed(1)} KB) cut …\n`);
    expect(text.split('\n')).toHaveLength(10_002);
  });

  it('caps by size too: a few huge lines keep about a megabyte and name the megabytes cut', () => {
    const big = 'x'.repeat(300_000) + '\n';
    const text = capped(Array.from({ length: 10 }, () => big));
    expect(text.length).toBeLessThanOrEqual(STREAM_CAP.headChars + STREAM_CAP.tailChars + 100);
    expect(text).toMatch(/\n… \d lines \(\d\.\d MB\) cut …\n/);
    // Whole lines at the end: the tail starts at a line's start.
    expect(text.endsWith(big)).toBe(true);
  });

  it('a single line longer than the cap is cut inside the line, named by size only', () => {
    const text = capped(['a'.repeat(2_000_000)]);
    const marker = findCutMarker(text)!;
    expect(text.slice(marker.start, marker.end)).toBe('… 1.0 MB cut …');
    expect(text.slice(0, marker.start - 1)).toBe('a'.repeat(STREAM_CAP.headChars));
    expect(text.slice(marker.end + 1)).toBe('a'.repeat(STREAM_CAP.tailChars));
  });

  it('never splits a character outside the BMP, and counts cut bytes as UTF-8', () => {
    const cap = { headLines: 100, headChars: 5, tailLines: 100, tailChars: 5 };
    const text = capped(['ab😀😀😀😀c'], cap);
    expect(text.startsWith('ab😀\n')).toBe(true);
    expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(text).toBe('ab😀\n… 4 bytes cut …\n😀😀c');
    expect(capped(['é\n'.repeat(10)], { headLines: 2, headChars: 99, tailLines: 2, tailChars: 99 })).toBe(
      'é\né\n… 6 lines (18 bytes) cut …\né\né\n',
    );
  });

  it('keeps \\r and \\r\\n as written: a Windows line counts once, a progress bar stays on its line', () => {
    const cap = { headLines: 1, headChars: 99, tailLines: 1, tailChars: 99 };
    expect(capped(['a\r\n', 'b\r\n', 'c\r\n'], cap)).toBe('a\r\n… 1 line (3 bytes) cut …\nc\r\n');
    expect(capped(['10%\r', '50%\r', '100%\n'], cap)).toBe('10%\r50%\r100%\n');
  });

  it('reads back what it wrote: capping again changes nothing, appending continues the count', () => {
    const cap = { headLines: 2, headChars: 999, tailLines: 2, tailChars: 999 };
    const first = capped([lines(0, 10)], cap);
    expect(CappedText.from(first, cap).text()).toBe(first);
    const resumed = CappedText.from(first, cap);
    resumed.append(lines(10, 15));
    expect(resumed.text()).toBe(capped([lines(0, 15)], cap));
    expect(resumed.cutSoFar.lines).toBe(11);
  });

  it('a line that only looks like a marker in a text that fits is kept as text', () => {
    const text = 'before\n… 3 lines (12 bytes) cut …\nafter\n';
    expect(CappedText.from(text).text()).toBe(text);
  });

  it('for any chunks: head is a prefix, tail a suffix, counts add up, and the result is a fixed point', () => {
    const cap = { headLines: 3, headChars: 40, tailLines: 3, tailChars: 40 };
    const chunk = fc.stringMatching(/^[a-zé\n]{0,30}$/);
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 30 }), (chunks) => {
        const all = chunks.join('');
        const t = new CappedText(cap);
        for (const c of chunks) t.append(c);
        const text = t.text();
        expect(CappedText.from(text, cap).text()).toBe(text);
        expect(text.length).toBeLessThanOrEqual(cap.headChars + cap.tailChars + 40);
        expect(text.split('\n').length - 1).toBeLessThanOrEqual(cap.headLines + cap.tailLines + 2);
        const marker = findCutMarker(text);
        if (!marker) {
          expect(text).toBe(all);
          return;
        }
        const tail = text.slice(marker.end + 1);
        expect(all.endsWith(tail)).toBe(true);
        const cut = parseCutMarker(text.slice(marker.start, marker.end))!;
        // The line before the marker ends either the kept head or a newline added to close it.
        const shown = text.slice(0, marker.start);
        const heads = [shown, shown.slice(0, -1)].filter((h) => all.startsWith(h));
        const accounts = heads.map((h) => all.slice(h.length, all.length - tail.length));
        expect(accounts.some((m) => m.split('\n').length - 1 === cut.lines && utf8Bytes(m) === cut.bytes)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('capped text, however the text is split', () => {
  it('reads the same whether it came in one piece or many (the window, the session and the file agree)', () => {
    const cap = { headLines: 3, headChars: 30, tailLines: 3, tailChars: 30 };
    const chunk = fc.stringMatching(/^[ab\n]{0,25}$/);
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 25 }), (chunks) => {
        expect(capped(chunks, cap)).toBe(capped([chunks.join('')], cap));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the cut marker', () => {
  it('reads as a person would say it and parses back', () => {
    expect(formatCutMarker({ lines: 41_000, bytes: 12_345_678 })).toBe('… 41,000 lines (12.3 MB) cut …');
    expect(formatCutMarker({ lines: 1, bytes: 900 })).toBe('… 1 line (900 bytes) cut …');
    expect(formatCutMarker({ lines: 0, bytes: 2_500_000_000 })).toBe('… 2.5 GB cut …');
    expect(parseCutMarker('… 41,000 lines (12.3 MB) cut …')).toEqual({ lines: 41_000, bytes: 12_300_000 });
    expect(parseCutMarker('… 2.5 GB cut …')).toEqual({ lines: 0, bytes: 2_500_000_000 });
    expect(parseCutMarker('41,000 lines cut')).toBeNull();
  });

  it('counts UTF-8 bytes: ASCII 1, é 2, € 3, an emoji 4, a lone surrogate as U+FFFD', () => {
    expect(utf8Bytes('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(utf8Bytes('\ud800x')).toBe(3 + 1);
  });
});
