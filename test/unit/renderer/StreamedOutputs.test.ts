import { describe, expect, it } from 'vitest';
import type { Output } from '../../../kernel/protocol/notebook';
import { StreamedOutputs } from '../../../renderer/notebook/StreamedOutputs';

const out = (text: string): Output => ({ kind: 'stream', name: 'stdout', text });

/** Frames on demand, so the test decides when the window paints. */
function frames() {
  const queue: (() => void)[] = [];
  return {
    schedule: (cb: () => void) => void queue.push(cb),
    paint: () => queue.splice(0).forEach((cb) => cb()),
    pending: () => queue.length,
  };
}

describe('streamed outputs in the window', () => {
  it('shows a burst of 50,000 lines in one document update per frame, merged and capped', () => {
    const f = frames();
    const shown: [string, Output[]][] = [];
    const s = new StreamedOutputs((cellId, outputs) => shown.push([cellId, outputs]), f.schedule);
    s.start('run1', 'cell1');
    for (let i = 0; i < 25_000; i++) s.push('run1', out(`line ${i}\n`));
    expect(f.pending()).toBe(1);
    f.paint();
    for (let i = 25_000; i < 50_000; i++) s.push('run1', out(`line ${i}\n`));
    f.paint();
    expect(shown).toHaveLength(2);
    const [cellId, outputs] = shown[1];
    expect(cellId).toBe('cell1');
    expect(outputs).toHaveLength(1);
    const text = (outputs[0] as { text: string }).text;
    expect(text.startsWith('line 0\n')).toBe(true);
    expect(text).toContain('… 40,000 lines');
    expect(text.endsWith('line 49999\n')).toBe(true);
  });

  it('ignores runs it did not start (live re-runs keep their outputs) and drops a run once it ends', () => {
    const f = frames();
    const shown: Output[][] = [];
    const s = new StreamedOutputs((_c, outputs) => shown.push(outputs), f.schedule);
    expect(s.push('kept', out('x'))).toBe(false);
    s.start('run1', 'cell1');
    s.push('run1', out('before the result\n'));
    expect(s.finish('run1')).toEqual([out('before the result\n')]);
    f.paint();
    // The result replaced the outputs; a frame that comes late must not put the streamed ones back.
    expect(shown).toEqual([]);
  });
});
