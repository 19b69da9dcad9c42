import { describe, expect, it } from 'vitest';
import { OutputBuilder } from '../../../common/OutputBuilder';
import type { Output } from '../../../kernel/protocol/notebook';
import { streamBlocks } from '../../../renderer/outputs/streamBlocks';

const printed = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `line ${from + i}\n`).join('');

function capped(n: number): string {
  const b = new OutputBuilder<Output>();
  for (let i = 0; i < n; i++) b.push({ kind: 'stream', name: 'stdout', text: `line ${i}\n` });
  return (b.build()[0] as { text: string }).text;
}

describe('a stream output as blocks of lines', () => {
  it('puts the text back together exactly, the marker in a block of its own', () => {
    for (const text of ['', 'no newline', printed(0, 450), capped(20_000)])
      expect(
        streamBlocks(text)
          .map((b) => b.text)
          .join(''),
      ).toBe(text);
    const blocks = streamBlocks(capped(20_000));
    expect(blocks.filter((b) => b.cut).map((b) => b.text)).toEqual([expect.stringMatching(/^… 10,000 lines \(.*\) cut …\n$/)]);
  });

  it('keeps the keys and text of untouched blocks as lines are appended and the tail moves on', () => {
    const before = new Map(streamBlocks(capped(20_000)).map((b) => [b.key, b.text]));
    const after = streamBlocks(capped(20_050));
    const same = after.filter((b) => before.get(b.key) === b.text).length;
    // Only the tail's first block (lost lines) and last block (new lines) differ, plus the marker.
    expect(after.length - same).toBeLessThanOrEqual(3);
  });

  it('gives every block its own key when the head was cut by size, mid-line, with few lines cut', () => {
    // Long lines fill the head's character budget well before its line budget.
    const b = new OutputBuilder<Output>();
    for (let i = 0; i < 30; i++) b.push({ kind: 'stream', name: 'stdout', text: `${String(i).padStart(3, '0')}${'x'.repeat(100_000)}\n` });
    const text = (b.build()[0] as { text: string }).text;
    const keys = streamBlocks(text).map((k) => k.key);
    expect(keys).toContain('cut');
    expect(new Set(keys).size).toBe(keys.length);
  });
});
