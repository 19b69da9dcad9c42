/**
 * The pure parts of TypeScript help in the editor: which cells a cell sees, squiggle ranges, what a
 * cancelled check leaves, completion labels.
 */
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { SiltError } from '../../../common/SiltError';
import type { Cell } from '../../../kernel/protocol/notebook';
import { cellsBefore } from '../../../renderer/cells/ts/TsService';
import { toLintDiagnostics, tsLintSource } from '../../../renderer/cells/ts/tsLint';
import type { TsService } from '../../../renderer/cells/ts/TsService';
import { shortType, toCompletion } from '../../../renderer/cells/ts/tsCompletions';

const code = (id: string, language: 'sql' | 'typescript', source: string): Cell =>
  ({ id, type: 'code', language, source, outputs: [], executionCount: null }) as Cell;

describe('cellsBefore', () => {
  const cells: Cell[] = [
    code('a', 'typescript', 'const x = 1;'),
    code('b', 'sql', 'SELECT 1'),
    { id: 'm', type: 'markdown', source: '# t' } as Cell,
    code('c', 'typescript', 'const y = x + 1;'),
    code('d', 'typescript', 'y'),
  ];
  it('gives the TypeScript cells above, top to bottom, and no SQL or markdown', () => {
    expect(cellsBefore(cells, 'd')).toEqual(['const x = 1;', 'const y = x + 1;']);
    expect(cellsBefore(cells, 'a')).toEqual([]);
  });
  it('gives nothing for a cell that is no longer in the document', () => {
    expect(cellsBefore(cells, 'gone')).toEqual([]);
  });
});

describe('toLintDiagnostics', () => {
  const d = { line: 1, column: 7, severity: 'error' as const, message: "Type 'string' is not assignable to type 'number'.", code: 2322 };
  it('keeps the range and names the error code', () => {
    expect(toLintDiagnostics([{ ...d, from: 6, to: 11 }], 30)).toEqual([
      { from: 6, to: 11, severity: 'error', message: "Type 'string' is not assignable to type 'number'. (TS2322)", source: 'TypeScript' },
    ]);
  });
  it('widens an empty range to a character, and keeps ranges inside a text that got shorter', () => {
    expect(toLintDiagnostics([{ ...d, from: 3, to: 3 }], 10)[0]).toMatchObject({ from: 3, to: 4 });
    expect(toLintDiagnostics([{ ...d, from: 10, to: 10 }], 10)[0]).toMatchObject({ from: 9, to: 10 });
    expect(toLintDiagnostics([{ ...d, from: 8, to: 40 }], 10)[0]).toMatchObject({ from: 8, to: 10 });
  });
});

describe('the linter when the session does not check', () => {
  const mark: Diagnostic = { from: 6, to: 11, severity: 'error', message: 'not a number (TS2322)', source: 'TypeScript' };
  /** An editor showing the squiggle under `total`, then text typed before it: the squiggle moved along. */
  const editor = () => {
    let state = EditorState.create({ doc: 'const total: number = "abc";' });
    state = state.update(setDiagnostics(state, [mark])).state;
    state = state.update({ changes: { from: 0, insert: '// note\n' } }).state;
    return { state } as EditorView;
  };
  const failing = (error: Error): TsService => ({
    diagnostics: () => Promise.reject(error),
    completions: () => Promise.reject(error),
  });

  it('keeps the squiggles where they are when a newer check of the cell replaced this one', async () => {
    const lint = tsLintSource(
      () => failing(new SiltError('cancelled', 'replaced')),
      () => 'cell-a',
    );
    expect(await lint(editor())).toEqual([{ ...mark, from: 14, to: 19 }]);
  });

  it('shows no squiggles when the session is gone', async () => {
    const lint = tsLintSource(
      () => failing(new SiltError('session-gone', 'gone')),
      () => 'cell-a',
    );
    expect(await lint(editor())).toEqual([]);
  });
});

describe('completion labels', () => {
  it('shows a method with its parameters and result on one line', () => {
    expect(shortType('(method) DataFrame.head(rows?: number): DataFrame', 'head')).toBe('(rows?: number): DataFrame');
    expect(shortType('(method) DataFrame.abs(options?: {\n    inplace?: boolean;\n}): DataFrame', 'abs')).toBe(
      '(options?: { inplace?: boolean; }): DataFrame',
    );
  });
  it('shows a property, an optional one and a quoted column with its type', () => {
    expect(shortType('(property) DataFrame.shape: number[]', 'shape')).toBe(': number[]');
    expect(shortType('(property) limit?: number', 'limit')).toBe(': number');
    expect(shortType('(property) "amount": Series', 'amount')).toBe(': Series');
  });
  it('does not take the label from inside another name', () => {
    expect(shortType('(method) DataFrame.rename(x: string): DataFrame', 'name')).toBe('');
  });
  it('makes an option with the kind beside the label and the whole signature as its info', () => {
    expect(toCompletion({ label: 'head', kind: 'method', detail: '(method) DataFrame.head(rows?: number): DataFrame' })).toMatchObject({
      label: 'head',
      type: 'method',
      detail: 'method (rows?: number): DataFrame',
      info: '(method) DataFrame.head(rows?: number): DataFrame',
    });
    expect(toCompletion({ label: 'orders', kind: 'const' })).toMatchObject({ type: 'constant', detail: 'const' });
  });
});
