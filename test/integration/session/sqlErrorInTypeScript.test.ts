/**
 * A SQL error raised inside a TypeScript cell by the `sql` and `query` helpers, in a real session over
 * the demo share served on 127.0.0.1: the error marks the cell's line where the SQL literal has the
 * mistake (not line N of the cell for line N of the SQL), with its column, and the shared name as written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorOutput } from '../../../kernel/protocol';
import { startDemoSession, type DemoSession } from '../../helpers/demoSession';

let demo: DemoSession;

beforeAll(async () => {
  demo = await startDemoSession('silt-sql-in-ts-');
});
afterAll(() => demo?.close());

const errorOf = (code: string) => demo.errorOf('typescript', code);

/** The cell's text from where the error's line and column point. */
const pointed = (code: string, e: ErrorOutput) => code.split('\n')[e.line! - 1].slice(e.column! - 1);

describe('a SQL error from a TypeScript cell’s sql helper', () => {
  it('marks the cell line and column of the mistake in a multi-line template, the shared name as typed', async () => {
    const code = [
      'const region = "North";',
      'const rows = await sql`SELECT order_id,',
      '    amout',
      '  FROM "demo"."silver"."orders"',
      '  WHERE region = ${"\'" + region + "\'"}`;',
      'rows',
    ].join('\n');
    const e = await errorOf(code);
    expect(e.ename).toBe('Binder Error');
    expect([e.line, e.column]).toEqual([3, 5]);
    expect(pointed(code, e)).toMatch(/^amout/);
    expect(e.message).toMatch(/^Referenced column "amout" not found in FROM clause!\n/);
    expect(e.message).toContain('\n\nLINE 3:     amout\n' + ' '.repeat('LINE 3:     '.length) + '^');
    expect(e.message).not.toContain('"demo.silver.orders"');
  });

  it('marks a mistake on the first line of the SQL, after the call on the same line', async () => {
    const code = 'const n = 1;\nconst t = await sql(`SELECT orders.amout FROM demo.silver.orders`);';
    const e = await errorOf(code);
    expect(e.message.split('\n')[0]).toBe('Table "orders" does not have a column named "amout"');
    expect(e.line).toBe(2);
    expect(pointed(code, e)).toMatch(/^orders\.amout/);
  });

  it('points at the call’s line when the mistake is in an interpolated value', async () => {
    const code = 'const col = "amout";\n\nconst t = await sql`SELECT ${col} FROM demo.silver.orders`;';
    const e = await errorOf(code);
    expect(e.line).toBe(3);
    expect(e.column).toBeUndefined();
  });
});

describe('a SQL error from the query helper', () => {
  it('marks the cell line and column of the mistake', async () => {
    const code = 'const x = 1;\nawait query(`SELECT 1 AS a,\n  nope FROM range(3)`);';
    const e = await errorOf(code);
    expect([e.line, e.column]).toEqual([3, 3]);
    expect(pointed(code, e)).toMatch(/^nope/);
  });
});
