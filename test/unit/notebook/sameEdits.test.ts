import { describe, expect, it } from 'vitest';
import type { CodeCell, NotebookModel } from '../../../kernel/protocol/notebook';
import { sameEdits } from '../../../renderer/notebook/sameEdits';

const code = (id: string, source: string, extra: Partial<CodeCell> = {}): CodeCell => ({
  id,
  type: 'code',
  language: 'sql',
  source,
  outputs: [],
  executionCount: null,
  ...extra,
});
const nb = (...cells: NotebookModel['cells']): NotebookModel => ({ cells, metadata: { kernelspec: { name: 'silt' } } });

describe('sameEdits', () => {
  it('ignores what runs write: outputs, counts and timings', () => {
    const saved = nb(code('a', 'SELECT 1'));
    const ran = nb(code('a', 'SELECT 1', { outputs: [{ kind: 'stream', name: 'stdout', text: '1' }], executionCount: 3, elapsedMs: 9 }));
    expect(sameEdits(ran, saved)).toBe(true);
  });

  it('sees every kind of edit', () => {
    const saved = nb(code('a', 'SELECT 1'), { id: 'b', type: 'markdown', source: '# T' });
    const variants: NotebookModel[] = [
      nb(code('a', 'SELECT 2'), saved.cells[1]),
      nb(saved.cells[1], saved.cells[0]),
      nb(saved.cells[0]),
      nb(code('a', 'SELECT 1', { language: 'typescript' }), saved.cells[1]),
      nb(code('a', 'SELECT 1', { name: 'one' }), saved.cells[1]),
      nb(code('a', 'SELECT 1', { live: 'manual' }), saved.cells[1]),
      nb(code('a', 'SELECT 1', { tags: ['x'] }), saved.cells[1]),
      nb(saved.cells[0], { id: 'b', type: 'raw', source: '# T' }),
      { ...saved, metadata: { kernelspec: { name: 'other' } } },
    ];
    for (const v of variants) expect(sameEdits(v, saved)).toBe(false);
  });

  it('counts a cell typed back to its saved text as unchanged', () => {
    const saved = nb(code('a', 'SELECT 1'));
    expect(sameEdits(nb(code('a', ['SELECT', '1'].join(' '))), saved)).toBe(true);
  });
});
