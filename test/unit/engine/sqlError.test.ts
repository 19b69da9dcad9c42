/** DuckDB's failures as the cell shows them: the line at fault, and none for an Interrupt. */
import { describe, expect, it } from 'vitest';
import { toSqlError } from '../../../kernel/engine/SqlError';

describe('toSqlError', () => {
  it('points at the failing line of the cell, shifted to where its statement starts', () => {
    const e = toSqlError(new Error('Binder Error: Referenced column "amout" not found\n\nLINE 2: SELECT amout'), 4);
    expect(e).toMatchObject({ kind: 'Binder Error', line: 5 });
    expect(e.message).toBe('Referenced column "amout" not found\n\nLINE 2: SELECT amout');
  });

  it('marks no line for an interrupted query: it stopped where it was, no line was at fault', () => {
    const e = toSqlError(new Error('INTERRUPT Error: Interrupted!'), 3);
    expect(e).toMatchObject({ kind: 'Interrupted', message: 'The query was interrupted.' });
    expect((e as { line?: number }).line).toBeUndefined();
  });
});
