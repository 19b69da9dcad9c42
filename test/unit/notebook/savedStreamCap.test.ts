import { describe, expect, it } from 'vitest';
import type { NotebookModel, Output } from '../../../kernel/protocol';
import { parseIpynb } from '../../../kernel/notebook/fromIpynb';
import { ipynbText } from '../../../kernel/notebook/toIpynb';

const printed = (n: number): Output[] => Array.from({ length: n }, (_, i) => ({ kind: 'stream', name: 'stdout', text: `line ${i}\n` }));

const notebook = (outputs: Output[]): NotebookModel => ({
  metadata: {},
  cells: [{ id: 'ts', type: 'code', language: 'typescript', source: 'print', outputs, executionCount: 1 }],
});

describe('saving a chatty cell', () => {
  it('stores 50,000 printed lines as one output with the head, the tail and the cut marker', () => {
    const text = ipynbText(notebook(printed(50_000)));
    expect(text.length).toBeLessThan(400_000);
    const [cell] = parseIpynb(text).cells;
    const outputs = cell.type === 'code' ? cell.outputs : [];
    expect(outputs).toHaveLength(1);
    const stored = (outputs[0] as { text: string }).text;
    expect(stored.startsWith('line 0\nline 1\n')).toBe(true);
    expect(stored).toMatch(/\nline 4999\n… 40,000 lines \([\d.]+ KB\) cut …\nline 45000\n/);
    expect(stored.endsWith('line 49999\n')).toBe(true);
  });

  it('saves a reopened capped notebook unchanged, and a small output exactly as printed', () => {
    const once = ipynbText(notebook(printed(50_000)));
    expect(ipynbText(parseIpynb(once))).toBe(once);
    const small = ipynbText(notebook([...printed(3), { kind: 'stream', name: 'stderr', text: 'warn\n' }]));
    const outputs = (parseIpynb(small).cells[0] as { outputs: Output[] }).outputs;
    expect(outputs).toEqual([
      { kind: 'stream', name: 'stdout', text: 'line 0\nline 1\nline 2\n' },
      { kind: 'stream', name: 'stderr', text: 'warn\n' },
    ]);
  });
});
