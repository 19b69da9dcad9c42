/**
 * A SQL cell run inside the analyst's own transaction (a cell with BEGIN, later COMMIT or ROLLBACK).
 * Its result table used to be the transaction's own: the grid said "1 row" and showed none (such rows'
 * ids are not 0…n-1), and paging, sorting and profiling failed with "Table … does not exist" (the
 * grid's connection cannot see it). Such results are now kept in memory, capped, with a note.
 * Real session, real DuckDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RichOutput, TableOutput } from '../../../kernel/protocol';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';

let s: InProcessSession;
const table = (r: Awaited<ReturnType<InProcessSession['exec']>>) => r.outputs.find((o) => o.kind === 'table') as TableOutput;
const notes = (r: Awaited<ReturnType<InProcessSession['exec']>>) =>
  r.outputs.filter((o): o is RichOutput => o.kind === 'rich').map((o) => o.data['text/plain']);

beforeAll(async () => {
  s = await inProcessSession('silt-transaction-results-');
  expect(
    (await s.exec('sql', 'CREATE TABLE prices AS SELECT range::INTEGER AS id, (10 * range)::INTEGER AS price FROM range(5)')).status,
  ).toBe('ok');
});
afterAll(() => s?.close());

describe('results inside an open transaction', () => {
  it("show the transaction's rows, page, sort and profile; after ROLLBACK the table is as before", async () => {
    expect((await s.exec('sql', 'BEGIN;\nUPDATE prices SET price = price + 1 WHERE id >= 3')).status).toBe('ok');
    const r = await s.exec('sql', 'SELECT id, price FROM prices ORDER BY id');
    expect(r.status).toBe('ok');
    const t = table(r);
    expect(t.rowCount).toBe(5);
    expect(t.rows).toEqual([
      [0, 0],
      [1, 10],
      [2, 20],
      [3, 31],
      [4, 41],
    ]);
    expect(notes(r)).toEqual([]);
    const engine = s.session.engine;
    expect(await engine.page(t.handle!, 3, 2)).toEqual([
      [3, 31],
      [4, 41],
    ]);
    const sorted = await engine.view(t.handle!, [{ column: 'price', desc: true }], []);
    expect((await engine.page(sorted.handle, 0, 1)).map((row) => Number(row[1]))).toEqual([41]);
    expect((await engine.profile(t.handle!)).rowCount).toBe(5);

    expect((await s.exec('sql', 'ROLLBACK')).status).toBe('ok');
    expect(table(await s.exec('sql', 'SELECT sum(price)::INTEGER AS total FROM prices')).rows).toEqual([[100]]);
  });

  it('a large result is capped at 100,000 rows with a note that says why and what to do', async () => {
    expect((await s.exec('sql', 'BEGIN')).status).toBe('ok');
    const r = await s.exec('sql', 'SELECT range AS n FROM range(150000)');
    expect(table(r).rowCount).toBe(100_000);
    expect(notes(r)).toEqual([
      expect.stringMatching(/^Showing the first 100,000 rows: inside an open transaction \(BEGIN\).*COMMIT or ROLLBACK/),
    ]);
    expect((await s.exec('sql', 'COMMIT')).status).toBe('ok');
    // Outside the transaction the same cell is a table again, all rows, no note.
    const after = await s.exec('sql', 'SELECT range AS n FROM range(150000)');
    expect(table(after).rowCount).toBe(150_000);
    expect(notes(after)).toEqual([]);
    expect(await s.session.engine.page(table(after).handle!, 149_999, 5)).toEqual([['149999']]);
  });

  it('a large result of a statement other than a SELECT, outside any transaction, is capped without blaming one', async () => {
    expect((await s.exec('sql', 'CREATE TABLE written (n BIGINT)')).status).toBe('ok');
    const r = await s.exec('sql', 'INSERT INTO written SELECT range FROM range(150000) RETURNING n');
    expect(table(r).rowCount).toBe(100_000);
    const [note] = notes(r);
    expect(note).toMatch(/^Showing the first 100,000 rows: the rows a statement other than a SELECT returns/);
    expect(note).not.toMatch(/transaction/i);
    expect(table(await s.exec('sql', 'SELECT count(*)::INTEGER AS n FROM written')).rows).toEqual([[150000]]);
  });
});
