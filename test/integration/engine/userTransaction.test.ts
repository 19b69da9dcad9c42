/**
 * Whether the analyst's own transaction is open, known from the statements the session ran instead of
 * two `txid_current()` questions before every SELECT cell. Real session, real DuckDB. Every statement
 * sent to DuckDB is counted where DuckDB's client receives it (the connection's prototype), so the
 * questions are counted whatever code sends them.
 *
 * What DuckDB does (asked at the start, so a new DuckDB that behaves otherwise fails here first): an
 * execution error inside a transaction aborts it, after which every query fails, `txid_current()` too,
 * until ROLLBACK.
 */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RichOutput, RunResult, TableOutput } from '../../../kernel/protocol';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';

let s: InProcessSession;
const sent: string[] = [];
const table = (r: RunResult) => r.outputs.find((o): o is TableOutput => o.kind === 'table');
const errorText = (r: RunResult) => r.outputs.map((o) => (o.kind === 'error' ? `${o.ename}: ${o.message}` : '')).join('');
const notes = (r: RunResult) => r.outputs.filter((o): o is RichOutput => o.kind === 'rich').map((o) => o.data['text/plain']);
/** The txid_current() questions sent since `from`. */
const asked = (from: number) => sent.slice(from).filter((sql) => /txid_current/i.test(sql)).length;
const sql = (code: string) => s.exec('sql', code);

/** Rows of the table DuckDB holds now, read on a connection of its own: independent of the session's answer. */
const PRICES = 'SELECT id, price FROM prices ORDER BY id';

beforeAll(async () => {
  // Every way to send SQL ends in run or stream (runAndReadAll calls run).
  for (const method of ['run', 'stream'] as const) {
    const original = DuckDBConnection.prototype[method] as (this: DuckDBConnection, ...a: unknown[]) => Promise<unknown>;
    vi.spyOn(DuckDBConnection.prototype, method).mockImplementation(function (this: DuckDBConnection, ...args: unknown[]) {
      sent.push(String(args[0]));
      return original.apply(this, args) as never;
    } as never);
  }
  s = await inProcessSession('silt-user-transaction-');
  await sql('CREATE TABLE prices AS SELECT range::INTEGER AS id, (10 * range)::INTEGER AS price FROM range(5)');
});
afterAll(async () => {
  await s?.close();
  vi.restoreAllMocks();
});
afterEach(async () => {
  // A failed test must not leave the next one inside its transaction.
  await sql('ROLLBACK');
  await sql('CREATE OR REPLACE TABLE prices AS SELECT range::INTEGER AS id, (10 * range)::INTEGER AS price FROM range(5)');
});

describe('DuckDB, asked directly', () => {
  it('an execution error aborts an open transaction: txid_current() and SELECT fail until ROLLBACK', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const fails = (q: string) =>
      c.runAndReadAll(q).then(
        () => 'ok',
        (e: Error) => e.message.split('\n')[0],
      );
    await c.run('BEGIN');
    expect(await fails('SELECT * FROM no_such_table')).toMatch(/^Catalog Error/);
    expect(await fails('SELECT txid_current()')).toBe('ok');
    expect(await fails(`SELECT CAST('x' AS INTEGER)`)).toMatch(/^Conversion Error/);
    expect(await fails('SELECT txid_current()')).toBe('TransactionContext Error: Current transaction is aborted (please ROLLBACK)');
    expect(await fails('SELECT 1')).toBe('TransactionContext Error: Current transaction is aborted (please ROLLBACK)');
    expect(await fails('ROLLBACK')).toBe('ok');
    expect(await fails('SELECT 1')).toBe('ok');
    c.closeSync();
    db.closeSync();
  });
});

describe('SELECT cells outside a transaction', () => {
  it('20 of them ask DuckDB nothing about transactions (two txid_current() each before)', async () => {
    await sql(PRICES);
    const from = sent.length;
    for (let i = 0; i < 20; i++) expect(table(await sql(`SELECT ${i} AS i, count(*) AS n FROM prices`))?.rows).toEqual([[i, '5']]);
    expect(asked(from)).toBe(0);
  });
});

describe('the user’s transaction, followed from the statements the session runs', () => {
  it('BEGIN: SELECTs show the transaction’s rows, kept in memory; COMMIT: a result is a table again', async () => {
    let from = sent.length;
    expect((await sql('BEGIN;\nUPDATE prices SET price = price + 1 WHERE id >= 3')).status).toBe('ok');
    // Asked once, after the run that had BEGIN.
    expect(asked(from)).toBe(2);
    from = sent.length;
    const inside = await sql(PRICES);
    expect(table(inside)?.rows).toEqual([
      [0, 0],
      [1, 10],
      [2, 20],
      [3, 31],
      [4, 41],
    ]);
    // Its rows are in memory: the grid's connection (outside the transaction) pages them all the same.
    expect(await s.session.engine.page(table(inside)!.handle!, 3, 5)).toEqual([
      [3, 31],
      [4, 41],
    ]);
    expect(sent.slice(from).some((q) => /CREATE OR REPLACE TABLE/i.test(q))).toBe(false);
    expect(asked(from)).toBe(0);

    expect((await sql('COMMIT')).status).toBe('ok');
    from = sent.length;
    const after = await sql('SELECT range AS n FROM range(150000)');
    expect(table(after)?.rowCount).toBe(150_000);
    expect(notes(after)).toEqual([]);
    expect(await s.session.engine.page(table(after)!.handle!, 149_999, 5)).toEqual([['149999']]);
    expect(asked(from)).toBe(0);
    // Committed: what any connection reads.
    expect(table(await sql('SELECT sum(price)::INTEGER FROM prices'))?.rows).toEqual([[102]]);
  });

  it('an error inside a transaction: cells say to ROLLBACK; after ROLLBACK a result is a table again, the change gone', async () => {
    expect((await sql('BEGIN;\nUPDATE prices SET price = 0')).status).toBe('ok');
    const failed = await sql(`SELECT CAST('x' AS INTEGER)`);
    expect(failed.status).toBe('error');
    expect(errorText(failed)).toContain('Conversion Error');
    const blocked = await sql(PRICES);
    expect(blocked.status).toBe('error');
    expect(errorText(blocked)).toContain('Current transaction is aborted (please ROLLBACK)');

    expect((await sql('ROLLBACK')).status).toBe('ok');
    const from = sent.length;
    const r = await sql('SELECT range AS n FROM range(150000)');
    expect(table(r)?.rowCount).toBe(150_000);
    expect(notes(r)).toEqual([]);
    expect(table(await sql('SELECT sum(price)::INTEGER FROM prices'))?.rows).toEqual([[100]]);
    expect(asked(from)).toBe(0);
  });

  it('a catalog error inside a transaction leaves it open: its rows are still shown', async () => {
    expect((await sql('BEGIN;\nDELETE FROM prices WHERE id = 0')).status).toBe('ok');
    expect((await sql('SELECT * FROM no_such_table')).status).toBe('error');
    // Asked after the failed run, before it answered; not again before the next SELECT.
    const from = sent.length;
    const r = await sql('SELECT count(*)::INTEGER FROM prices');
    expect(asked(from)).toBe(0);
    expect(table(r)?.rows).toEqual([[4]]);
    expect(await s.session.engine.page(table(r)!.handle!, 0, 5)).toEqual([[4]]);
  });

  it('BEGIN and COMMIT from a TypeScript cell (query(), one statement or several) hold for the SQL cells below', async () => {
    expect((await s.exec('typescript', `await query("BEGIN; UPDATE prices SET price = 7 WHERE id = 0")`)).status).toBe('ok');
    const inside = await sql('SELECT price FROM prices WHERE id = 0');
    expect(table(inside)?.rows).toEqual([[7]]);
    // Kept in memory: a result table made inside the transaction could not be paged by the grid.
    expect(await s.session.engine.page(table(inside)!.handle!, 0, 5)).toEqual([[7]]);
    expect((await s.exec('typescript', `await query("COMMIT")`)).status).toBe('ok');
    const from = sent.length;
    const after = await sql('SELECT range AS n FROM range(150000)');
    expect(table(after)?.rowCount).toBe(150_000);
    expect(asked(from)).toBe(0);

    expect((await s.exec('typescript', `await query("BEGIN")`)).status).toBe('ok');
    expect((await s.exec('typescript', `await query("UPDATE prices SET price = 8 WHERE id = 0")`)).status).toBe('ok');
    expect(table(await sql('SELECT price FROM prices WHERE id = 0'))?.rows).toEqual([[8]]);
    expect((await s.exec('typescript', `await query("ROLLBACK")`)).status).toBe('ok');
    expect(table(await sql('SELECT range AS n FROM range(150000)'))?.rowCount).toBe(150_000);
    expect(table(await sql('SELECT price FROM prices WHERE id = 0'))?.rows).toEqual([[7]]);
  });
});
