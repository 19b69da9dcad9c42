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

describe('toSqlError with the statement it failed on', () => {
  it('moves the caret to the cell: its line number, its column, and past the CREATE TABLE AS Silt wrapped it in', () => {
    const cell = 'SELECT 1;\n\nSELECT amout FROM t';
    const wrap = 'CREATE OR REPLACE TABLE "r1" AS ';
    const ran = `${wrap}SELECT amout FROM t`;
    const duck = `Binder Error: Referenced column "amout" not found\n\nLINE 1: ${ran}\n${' '.repeat(8 + wrap.length + 7)}^`;
    const e = toSqlError(new Error(duck), { cell, ran, start: cell.indexOf('SELECT amout') - wrap.length, line: 3 });
    expect(e).toMatchObject({ line: 3, at: { column: 8 } });
    expect(e.message).toBe('Referenced column "amout" not found\n\nLINE 3: SELECT amout FROM t\n               ^');
  });

  it('drops DuckDB’s suggestion of one of Silt’s own tables', () => {
    const e = toSqlError(new Error('Catalog Error: Table with name __silt_r does not exist!\nDid you mean "__silt_result_ab12cd34_1"?'), 1);
    expect(e.message).toBe('Table with name __silt_r does not exist!');
  });
});
