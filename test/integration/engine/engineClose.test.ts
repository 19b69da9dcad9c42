/**
 * Closing a session's database while queries still run on it: before, close() freed the connection
 * under the query's thread and the whole process died with SIGSEGV (it killed vitest's worker:
 * "Channel closed"). Now the running queries are stopped, close() waits for them, and what comes
 * after is refused by name. Real DuckDB; a crash here ends this test file, which then fails.
 */
import { describe, expect, it } from 'vitest';
import { DuckEngine } from '../../../kernel/engine/DuckEngine';

/** A query that runs for minutes unless stopped. */
const LONG = 'SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3';

describe('closing an engine while queries run', () => {
  it('stops the running queries on every connection, waits for them, then refuses new ones', async () => {
    const engine = await DuckEngine.create();
    const own = await engine.connect();
    const cell = engine.execute(LONG);
    const other = own.runAndReadAll(LONG);
    // Let both reach DuckDB's threads before closing under them.
    const settled = Promise.allSettled([cell, other]);
    await new Promise((r) => setTimeout(r, 300));
    await engine.close();

    const [a, b] = await settled;
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    // Stopped by the close (it would otherwise run for minutes), not failed for another reason.
    expect((a as PromiseRejectedResult).reason).toMatchObject({ code: 'cancelled' });
    expect(String((b as PromiseRejectedResult).reason)).toMatch(/interrupt/i);

    await expect(engine.execute('SELECT 1')).rejects.toMatchObject({ code: 'session-gone' });
    await expect(engine.connect()).rejects.toMatchObject({ code: 'session-gone' });
    // A second close is harmless.
    await engine.close();
  });

  it('a connection closed by its owner (an export, a publish) while its query runs: the query stops, the engine goes on', async () => {
    const engine = await DuckEngine.create();
    const own = await engine.connect();
    const query = own.runAndReadAll(LONG);
    const stopped = expect(query).rejects.toThrow(/interrupt/i);
    await new Promise((r) => setTimeout(r, 300));
    own.closeSync();
    await stopped;
    expect(() => own.runAndReadAll('SELECT 1')).toThrow(/used after its owner closed it/);
    // The engine's own lanes are untouched.
    expect((await engine.execute('SELECT 7 AS n')).firstPage).toEqual([[7]]);
    await engine.close();
  });

  it('closes at once when nothing runs, and the process keeps answering queries on another engine', async () => {
    const first = await DuckEngine.create();
    await first.execute('SELECT 42 AS answer');
    await first.close();
    const second = await DuckEngine.create();
    const r = await second.execute('SELECT 42 AS answer');
    expect(r.firstPage).toEqual([[42]]);
    await second.close();
  });
});
