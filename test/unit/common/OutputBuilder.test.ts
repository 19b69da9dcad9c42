import { describe, expect, it } from 'vitest';
import { mergeOutputs, OutputBuilder } from '../../../common/OutputBuilder';
import type { Output } from '../../../kernel/protocol/notebook';

const out = (text: string, name: 'stdout' | 'stderr' = 'stdout'): Output => ({ kind: 'stream', name, text });
const table: Output = { kind: 'table', columns: [], rows: [], rowCount: 0 };

describe("merging a cell's outputs", () => {
  it('joins consecutive writes to one stream, as Jupyter stores them, and keeps other outputs in order', () => {
    const merged = mergeOutputs([out('a\n'), out('b\n'), out('oops\n', 'stderr'), out('c\n'), table, out('d\n'), out('e')]);
    expect(merged).toEqual([out('a\nb\n'), out('oops\n', 'stderr'), out('c\n'), table, out('d\ne')]);
    expect(merged[3]).toBe(table);
  });

  it('leaves an already merged list as the same objects (nothing to re-render)', () => {
    const once = mergeOutputs([out('a'), out('b'), table, out('x', 'stderr')]);
    const twice = mergeOutputs(once);
    expect(twice).toEqual(once);
    twice.forEach((o, i) => expect(o).toBe(once[i]));
    const plain = [out('loaded from a file\n')];
    expect(mergeOutputs(plain)[0]).toBe(plain[0]);
  });

  it('caps a stream output written in 50,000 pieces, and a text loaded over the cap', () => {
    const b = new OutputBuilder<Output>();
    for (let i = 0; i < 50_000; i++) b.push(out(`line ${i}\n`));
    const [o] = b.build() as [Extract<Output, { kind: 'stream' }>];
    expect(o.text).toMatch(/^line 0\n/);
    expect(o.text).toMatch(/\n… 40,000 lines \([\d.]+ KB\) cut …\nline 45000\n/);
    expect(o.text.endsWith('line 49999\n')).toBe(true);
    const loaded = out(Array.from({ length: 20_000 }, (_, i) => `row ${i}\n`).join(''));
    expect((mergeOutputs([loaded])[0] as { text: string }).text).toContain('… 10,000 lines');
  });

  it('builds new objects only for what changed, and the outputs it built never change afterwards', () => {
    const b = new OutputBuilder<Output>([table]);
    b.push(out('1\n'));
    const first = b.build();
    b.push(out('2\n'));
    const second = b.build();
    expect(first).toEqual([table, out('1\n')]);
    expect(second).toEqual([table, out('1\n2\n')]);
    expect(second[0]).toBe(first[0]);
    expect(b.build()[1]).toBe(second[1]);
  });

  it("continues a stream output it did not build (a result's outputs, then more events)", () => {
    const b = new OutputBuilder<Output>([out('a\n'), out('b\n')]);
    b.push(out('c\n'));
    b.push(out('!', 'stderr'));
    expect(b.build()).toEqual([out('a\nb\nc\n'), out('!', 'stderr')]);
  });
});
