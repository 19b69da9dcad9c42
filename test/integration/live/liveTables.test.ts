/**
 * Live tables against the built-in sharing server while DeltaWriter commits to the shared tables:
 * the session's local copy must equal a fresh full read after every increment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveBed, rowsSql, updateTo } from './liveFixture';

let bed: LiveBed;
let created: number;

beforeAll(async () => {
  created = Date.now();
  bed = await LiveBed.create([
    { name: 'cdf_t', cdf: true, rows: rowsSql(0, 200) },
    { name: 'files_t', cdf: false, rows: rowsSql(0, 200) },
    { name: 'burst_t', cdf: true, rows: rowsSql(0, 50) },
  ]);
}, 60_000);
afterAll(async () => bed?.close());

describe('change data feed increments', () => {
  it('appends, deletes of equal rows and key updates end up exactly in the local copy', async () => {
    const info = await bed.session.live.start(bed.name('cdf_t'), 500);
    expect(info).toMatchObject({ mode: 'cdf', version: 1, rowCount: 200, state: 'live' });
    // How old the data is shows from the start: when version 1 was committed, not "unknown".
    expect(info.landedAt).toBeGreaterThanOrEqual(created - 1000);
    expect(info.landedAt).toBeLessThanOrEqual(Date.now());
    const w = bed.writers.cdf_t;

    // Three rows equal on every column: a delete must remove each one exactly once.
    let from = bed.notices.length;
    const v2 = await w.appendFromQuery(bed.conn, `SELECT 1::BIGINT AS id, 'dup' AS k, 1.0::DOUBLE AS v FROM range(3)`);
    const u2 = await bed.waitFor(updateTo('cdf_t', v2), from);
    expect(u2).toMatchObject({ previousVersion: 1, rowsInserted: 3, rowsDeleted: 0, rowCount: 203 });
    expect(await bed.sessionChecksum('cdf_t')).toEqual(await bed.freshChecksum('cdf_t'));

    from = bed.notices.length;
    const v3 = await w.deleteWhere(bed.conn, `id % 7 = 0`);
    const u3 = await bed.waitFor(updateTo('cdf_t', v3), from);
    expect(u3.rowsDeleted).toBe(29); // ids 0, 7, …, 196 (the three id=1 rows stay)
    expect(u3.rowsInserted).toBe(0);
    expect(await bed.sessionChecksum('cdf_t')).toEqual(await bed.freshChecksum('cdf_t'));

    // A merge by id: id 1 matches the original row and the three duplicates (pre-images: 4 rows,
    // post-image: 1), ids 2..5 are updated, 1000 and 1001 are new.
    from = bed.notices.length;
    const v4 = await w.mergeByKey(
      bed.conn,
      `SELECT id, 'merged' AS k, 9.5::DOUBLE AS v FROM (VALUES (1), (2), (3), (4), (5), (1000), (1001)) t(id)`,
      ['id'],
    );
    const u4 = await bed.waitFor(updateTo('cdf_t', v4), from);
    expect(u4).toMatchObject({ rowsDeleted: 8, rowsInserted: 7 });
    expect(u4.bytes).toBeGreaterThan(0);
    expect(await bed.sessionChecksum('cdf_t')).toEqual(await bed.freshChecksum('cdf_t'));
    const merged = await bed.run(`SELECT count(*)::INTEGER FROM ${bed.name('cdf_t')} WHERE k = 'merged'`);
    expect(merged.row).toEqual([7]);
  }, 60_000);

  it('a burst of 20 commits between two polls is applied by one refresh, in order', async () => {
    const name = bed.name('burst_t');
    await bed.session.live.start(name, 500);
    await bed.session.live.pause(name);
    const w = bed.writers.burst_t;
    let last = 1;
    for (let i = 0; i < 20; i++) {
      // Insert a row, then delete it in the next commit: applied out of order, the delete would miss.
      last = i % 2 === 0 ? await w.appendFromQuery(bed.conn, rowsSql(5000 + i, 1)) : await w.deleteWhere(bed.conn, `id = ${5000 + i - 1}`);
    }
    const from = bed.notices.length;
    await bed.session.live.resume(name);
    const u = await bed.waitFor(updateTo('burst_t', last), from);
    expect(u.previousVersion).toBe(1);
    expect(bed.notices.slice(from).filter((n) => n.type === 'live.update')).toHaveLength(1);
    expect(u).toMatchObject({ rowsInserted: 10, rowsDeleted: 10, rowCount: 50 });
    expect(await bed.sessionChecksum('burst_t')).toEqual(await bed.freshChecksum('burst_t'));
  }, 60_000);
});

describe('files increments (no change data feed)', () => {
  it('appends and a rewritten file (remove + add) end up exactly in the local copy', async () => {
    const info = await bed.session.live.start(bed.name('files_t'), 500);
    expect(info.mode).toBe('files');
    const w = bed.writers.files_t;
    let from = bed.notices.length;
    const v2 = await w.appendFromQuery(bed.conn, rowsSql(300, 40));
    const u2 = await bed.waitFor(updateTo('files_t', v2), from);
    expect(u2).toMatchObject({ rowsInserted: 40, rowsDeleted: 0, rowCount: 240 });

    // deleteWhere rewrites the files holding matching rows: their rows leave, the rewritten ones come in.
    from = bed.notices.length;
    const v3 = await w.deleteWhere(bed.conn, `id >= 300 AND id < 310`);
    const u3 = await bed.waitFor(updateTo('files_t', v3), from);
    expect(u3.rowsDeleted - u3.rowsInserted).toBe(10);
    expect(u3.rowCount).toBe(230);
    expect(await bed.sessionChecksum('files_t')).toEqual(await bed.freshChecksum('files_t'));
    // Only the appended file was re-read, not the 200-row original.
    expect(u3.rowsInserted).toBe(30);
  }, 60_000);
});
