import { describe, expect, it } from 'vitest';
import type { Output } from '../../../kernel/protocol';
import { RunOutputs } from '../../../kernel/session/RunOutputs';

const out = (text: string): Output => ({ kind: 'stream', name: 'stdout', text });

describe("a run's outputs in its result", () => {
  it('are as written while small: one per write', () => {
    const r = new RunOutputs();
    r.push(out('first\n'));
    r.push(out('second\n'));
    expect(r.build()).toEqual([out('first\n'), out('second\n')]);
  });

  it('are merged and capped once a loop prints 50,000 lines: about as big as the window shows', () => {
    const r = new RunOutputs();
    for (let i = 0; i < 50_000; i++) r.push(out(`line ${i}\n`));
    r.push({ kind: 'rich', data: { 'text/plain': '42' } });
    const [stream, value] = r.build();
    const text = (stream as { text: string }).text;
    expect(text).toMatch(/^line 0\n[^]*\n… 40,000 lines \(.*\) cut …\n[^]*line 49999\n$/);
    expect(value).toEqual({ kind: 'rich', data: { 'text/plain': '42' } });
  });
});
