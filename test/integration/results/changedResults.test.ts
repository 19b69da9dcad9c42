/**
 * A named result whose table later SQL changes: its grid said "100 rows" and paged rowids that no
 * longer match, or showed a first page of values an UPDATE has since changed. The session now tells
 * the window (`result.changed`, in words) and pages of it answer `conflict`, until its cell runs
 * again. Only runs that may have changed a named table are looked at (the engine's `writes.lastLook`
 * lists what the last look read). Real DuckDB, a real Session in this process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiltError } from '../../../common/SiltError';
import type { SessionNoticeBody } from '../../../kernel/protocol';
import { Session } from '../../../kernel/session/Session';

const dir = mkdtempSync(join(tmpdir(), 'silt-changed-'));
const notices: SessionNoticeBody[] = [];
let session: Session;
let run = 0;
const exec = (code: string, name?: string, lane?: 'live') =>
  session.execute({ runId: `r${++run}`, language: 'sql', code, ...(name ? { name } : {}), ...(lane ? { lane } : {}) });
const changed = () => notices.filter((n) => n.type === 'result.changed');
/** Waits for the session's look after a run (it runs beside the next request, not before the answer). */
async function nextChange(count: number) {
  for (let i = 0; i < 200 && changed().length < count; i++) await new Promise((r) => setTimeout(r, 10));
  return changed();
}

/** Waits until the session's look after the run just made is over, and answers which tables it read. */
async function lookAfter(run: Promise<unknown>): Promise<string[]> {
  const before = session.engine.writes.looks;
  await run;
  for (let i = 0; i < 500 && session.engine.writes.looks === before; i++) await new Promise((r) => setTimeout(r, 10));
  expect(session.engine.writes.looks).toBe(before + 1);
  return session.engine.writes.lastLook;
}
const pageOf = (handle: string) => session.engine.page(handle, 0, 5).catch((e: unknown) => e as SiltError);
const GUIDANCE = (t: string) => `These are the rows the cell made; query ${t} to see it as it is now, or Run to make it again.`;

beforeAll(async () => {
  session = await Session.create({ workspace: dir, emit: () => {}, notify: (n) => notices.push(n) });
});
afterAll(async () => {
  await session.engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a named result whose table changes after its cell ran', () => {
  it('is reported with its new row count, refuses pages, and is current again once its cell re-runs', async () => {
    const made = await exec('SELECT range AS n FROM range(100)', 'nums');
    expect(made.status).toBe('ok');
    // An unrelated cell changes nothing: no notice.
    expect((await exec('SELECT 1')).status).toBe('ok');
    expect((await exec('DELETE FROM nums WHERE n < 10')).status).toBe('ok');
    const [notice] = await nextChange(1);
    expect(notice).toEqual({
      type: 'result.changed',
      handle: 'nums',
      message:
        'nums changed after this cell ran: it now has 90 rows, not 100. ' +
        'These are the rows the cell made; query nums to see it as it is now, or Run to make it again.',
    });
    const refused = await session.engine.page('nums', 0, 10).catch((e: unknown) => e as SiltError);
    expect(refused).toBeInstanceOf(SiltError);
    expect((refused as SiltError).code).toBe('conflict');
    // Said once, not after every later run.
    await exec('SELECT 2');
    await exec('SELECT 3');
    expect(changed()).toHaveLength(1);

    await exec('SELECT range AS n FROM range(100) WHERE range >= 10', 'nums');
    const page = await session.engine.page('nums', 0, 3);
    expect(page.map((r) => Number(r[0]))).toEqual([10, 11, 12]);
  });

  it('says so when the table is dropped', async () => {
    await exec('SELECT 42 AS answer', 'kept');
    const before = changed().length;
    await exec('DROP TABLE kept');
    const all = await nextChange(before + 1);
    expect(all[all.length - 1]).toMatchObject({
      handle: 'kept',
      message: 'kept was dropped after this cell ran. These are the rows the cell made; Run makes the table again.',
    });
  });

  it('an expectation that drops rows in place marks the earlier grid of that table', async () => {
    await exec('SELECT range AS id, CASE WHEN range % 4 = 0 THEN NULL ELSE range END AS amount FROM range(40)', 'payments');
    const before = changed().length;
    const r = await exec('EXPECT ON payments\n  CONSTRAINT has_amount EXPECT (amount IS NOT NULL) ON VIOLATION DROP ROW');
    expect(r.status).toBe('ok');
    const all = await nextChange(before + 1);
    expect(all[all.length - 1]).toMatchObject({
      handle: 'payments',
      message: expect.stringMatching(/^payments changed after this cell ran: it now has 30 rows, not 40\. /),
    });
  });

  it('an UPDATE that keeps the row count is reported as rows updated, and pages answer conflict', async () => {
    await exec('SELECT range AS id, range * 10 AS amount FROM range(100)', 'upd');
    const before = changed().length;
    await exec('UPDATE upd SET amount = amount * 2 WHERE id < 5');
    // Independently: the table still has its 100 rows, and row 4's amount is now 4 * 10 * 2.
    expect(await session.engine.query('SELECT count(*)::INTEGER AS n, max(amount) FILTER (WHERE id = 4)::INTEGER AS a FROM upd')).toEqual([
      { n: 100, a: 80 },
    ]);
    const all = await nextChange(before + 1);
    expect(all[all.length - 1]).toEqual({
      type: 'result.changed',
      handle: 'upd',
      message: `upd changed after this cell ran: its rows were updated (it still has 100 rows). ${GUIDANCE('upd')}`,
    });
    expect(((await pageOf('upd')) as SiltError).code).toBe('conflict');
  });

  it('as many rows deleted as added is reported too', async () => {
    await exec('SELECT range AS id FROM range(50)', 'swap');
    const before = changed().length;
    await exec('DELETE FROM swap WHERE id < 10;\nINSERT INTO swap SELECT range FROM range(10)');
    expect(await session.engine.query('SELECT count(*)::INTEGER AS n FROM swap')).toEqual([{ n: 50 }]);
    const all = await nextChange(before + 1);
    expect(all[all.length - 1]).toEqual({
      type: 'result.changed',
      handle: 'swap',
      message: `swap changed after this cell ran: some of its rows were deleted and others added (it still has 50 rows). ${GUIDANCE('swap')}`,
    });
  });

  it('a run that only reads makes no query to look for changes; an UPDATE that changes nothing marks nothing', async () => {
    await exec('SELECT range AS id FROM range(20)', 'calm');
    const before = changed().length;
    // Plain SELECTs (several statements, and one naming a new result) read no named table's fingerprint.
    expect(await lookAfter(exec('SELECT count(*) FROM calm; SELECT 1'))).toEqual([]);
    expect(await lookAfter(exec('SELECT * FROM calm WHERE id > 3', 'calm_tail'))).toEqual([]);
    // An UPDATE of no row is looked at, and its table holds what the cell made: nothing to say.
    expect(await lookAfter(exec('UPDATE calm SET id = id + 1 WHERE id < 0'))).toEqual(['calm']);
    // Setting a value it already has leaves the rows as they were.
    expect(await lookAfter(exec('UPDATE calm SET id = id WHERE id = 3'))).toEqual(['calm']);
    expect(changed()).toHaveLength(before);
    expect((await pageOf('calm')) as unknown[]).toHaveLength(5);
  });

  it('a live re-run of the same cell makes its result again: not marked, even when its rows differ at the same count', async () => {
    await exec('CREATE TABLE src AS SELECT range AS id, range AS v FROM range(30)');
    await exec('SELECT * FROM src', 'mirror');
    // src is no named result's table: nothing to look at.
    expect(await lookAfter(exec('UPDATE src SET v = v + 100'))).toEqual([]);
    const before = changed().length;
    expect(await lookAfter(exec('SELECT * FROM src', 'mirror', 'live'))).toEqual([]);
    const page = (await pageOf('mirror')) as unknown[][];
    expect(page.map((r) => Number(r[1]))).toEqual([100, 101, 102, 103, 104]);
    // The next change to it is caught against what the re-run made.
    await exec('UPDATE mirror SET v = 0 WHERE id = 29');
    const all = await nextChange(before + 1);
    expect(all.slice(before).map((n) => n.type === 'result.changed' && n.handle)).toEqual(['mirror']);
  });

  it('a change only a COMMIT makes visible is caught when it is committed, not before', async () => {
    await exec('SELECT range AS id, range AS v FROM range(40)', 'txn');
    await exec('SELECT 1 AS one', 'bystander');
    const before = changed().length;
    // Uncommitted, the paging connection still reads what the cell made: the grid is right as it is.
    expect(await lookAfter(exec('BEGIN TRANSACTION; UPDATE txn SET v = -v WHERE id = 7'))).toContain('txn');
    expect(changed()).toHaveLength(before);
    expect(((await pageOf('txn')) as unknown[][]).map((r) => Number(r[1]))).toEqual([0, 1, 2, 3, 4]);
    // A COMMIT could publish a change to any table: every named table is looked at.
    const held = session.engine.namedResults().map((r) => r.table);
    expect(held).toEqual(expect.arrayContaining(['txn', 'bystander']));
    expect(await lookAfter(exec('COMMIT'))).toEqual(held);
    const all = await nextChange(before + 1);
    expect(all[all.length - 1]).toEqual({
      type: 'result.changed',
      handle: 'txn',
      message: `txn changed after this cell ran: its rows were updated (it still has 40 rows). ${GUIDANCE('txn')}`,
    });
  });

  it('an UPDATE made from a TypeScript cell through query() is caught too', async () => {
    await exec('SELECT range AS id, range AS v FROM range(25)', 'fromts');
    const before = changed().length;
    const r = await session.execute({
      runId: `r${++run}`,
      language: 'typescript',
      code: "await query('UPDATE fromts SET v = v * 10 WHERE id = 2')",
    });
    expect(r.status).toBe('ok');
    const all = await nextChange(before + 1);
    expect(all[all.length - 1]).toEqual({
      type: 'result.changed',
      handle: 'fromts',
      message: `fromts changed after this cell ran: its rows were updated (it still has 25 rows). ${GUIDANCE('fromts')}`,
    });
  });

  it('an ALTER that keeps the row count says which columns were added or removed, or that their types changed', async () => {
    await exec('SELECT range AS id, range AS v FROM range(10)', 'alt');
    await exec('SELECT range AS id, range AS v FROM range(12)', 'retyped');
    const before = changed().length;
    await exec('ALTER TABLE alt ADD COLUMN region VARCHAR;\nALTER TABLE alt DROP COLUMN v');
    await exec('ALTER TABLE retyped ALTER v TYPE VARCHAR');
    const all = await nextChange(before + 2);
    expect(all.slice(before)).toEqual([
      {
        type: 'result.changed',
        handle: 'alt',
        message: `alt changed after this cell ran: column region was added and column v was removed (it still has 10 rows). ${GUIDANCE('alt')}`,
      },
      {
        type: 'result.changed',
        handle: 'retyped',
        message: `retyped changed after this cell ran: the types of its columns were changed (it still has 12 rows). ${GUIDANCE('retyped')}`,
      },
    ]);
  });
});
