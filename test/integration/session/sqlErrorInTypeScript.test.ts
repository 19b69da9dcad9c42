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

describe('the query helper over shared names', () => {
  /** The rows of the grid a cell shows. */
  async function gridOf(language: 'sql' | 'typescript', code: string): Promise<unknown[][]> {
    const r = await demo.session.execute({ runId: `q${Math.random()}`, language, code });
    const err = r.outputs.find((o) => o.kind === 'error');
    expect(err && err.kind === 'error' ? err.message : undefined, code).toBeUndefined();
    const t = r.outputs.find((o) => o.kind === 'table');
    if (t?.kind !== 'table') throw new Error(`no table for ${code}`);
    return t.rows;
  }

  it('reads share.schema.table, its implied alias and a column qualified by its name, as a SQL cell does', async () => {
    const select = "SELECT order_id, status FROM demo.silver.orders WHERE status = 'delivered' ORDER BY order_id LIMIT 3";
    const expected = await gridOf('sql', select);
    expect(expected).toHaveLength(3);
    expect(await gridOf('typescript', `await query(\`${select}\`)`)).toEqual(expected);
    const qualified =
      "SELECT silver.orders.order_id, orders.status FROM demo.silver.orders WHERE demo.silver.orders.status = 'delivered' ORDER BY 1 LIMIT 3";
    expect(await gridOf('typescript', `await query("${qualified}")`)).toEqual(expected);
  });

  it('marks a misspelt column on the cell’s line and column, the shared name as typed', async () => {
    const code = 'const x = 1;\nawait query(`SELECT order_id,\n    demo.silver.orders.amout\n  FROM demo.silver.orders`);';
    const e = await errorOf(code);
    expect(e.ename).toBe('Binder Error');
    expect(e.message).toBe(
      'Table "orders" does not have a column named "amout"\n\n' +
        'LINE 3:     demo.silver.orders.amout\n' +
        `${' '.repeat('LINE 3:     '.length)}^`,
    );
    expect([e.line, e.column]).toEqual([3, 5]);
    const missing = await errorOf('await query("SELECT nope FROM demo.silver.orders VERSION AS OF 1")');
    expect(missing.message.split('\n')[0]).toBe('Referenced column "nope" not found in FROM clause!');
    expect(missing.column).toBe('await query("SELECT '.length + 1);
    expect(missing.message).not.toContain('@v1');
  });

  it('marks a column qualifier two tables answer to, in query and in sql', async () => {
    const code = 'await query(`SELECT 1,\n  silver.orders.order_id FROM demo.silver.orders a, demo.silver.orders b`);';
    const e = await errorOf(code);
    expect(e.ename).toBe('Shared name error');
    expect(e.message.split('\n')[0]).toBe(
      'silver.orders.order_id could mean a column of demo.silver.orders a or demo.silver.orders b: ' +
        'qualify the column with the alias of the one you mean (a.order_id or b.order_id).',
    );
    expect([e.line, e.column]).toEqual([2, 3]);
    const inSql = await errorOf(
      'const rows = await sql`SELECT silver.orders.order_id\n  FROM demo.silver.orders a, demo.silver.orders b`;',
    );
    expect([inSql.line, inSql.column]).toEqual([1, 'const rows = await sql`SELECT '.length + 1]);
  });
});
