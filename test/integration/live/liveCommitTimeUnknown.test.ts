/**
 * A version whose commit time the server does not tell (here: a commit that added no files, so no
 * file action carries a timestamp) lands with its commit time unknown: `live.update`, `live.list` and
 * `sharing.nextVersion` leave it out, and no lag is claimed, instead of passing off the time the
 * session polled or applied it as the time it was committed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveBed, rowsSql, updateTo } from './liveFixture';

let bed: LiveBed;

beforeAll(async () => {
  bed = await LiveBed.create([
    { name: 'files_t', cdf: false, rows: rowsSql(0, 20) },
    { name: 'cdf_t', cdf: true, rows: rowsSql(0, 20) },
  ]);
}, 60_000);
afterAll(async () => bed?.close());

describe('a version with no known commit time', () => {
  for (const table of ['files_t', 'cdf_t']) {
    it(`${table}: lands without a commit time or a lag, then a version with one tells both again`, async () => {
      const name = bed.name(table);
      const started = await bed.session.live.start(name, 300);
      expect(started.landedAt).toEqual(expect.any(Number));

      let from = bed.notices.length;
      const before = await bed.writers[table].appendFromQuery(bed.conn, rowsSql(50, 5));
      expect((await bed.waitFor(updateTo(table, before), from)).landedAt).toEqual(expect.any(Number));
      const waiting = bed.run(`await sharing.nextVersion('${name}', { timeoutMs: 20000 })`, 'typescript');
      from = bed.notices.length;
      const empty = await bed.writers[table].appendFromQuery(bed.conn, `SELECT * FROM (${rowsSql(100, 0)})`);
      expect(empty).toBe(started.version + 2);
      const update = await bed.waitFor(updateTo(table, empty), from);
      expect(update.rowsInserted).toBe(0);
      expect(update.arrivedAt).toEqual(expect.any(Number));
      expect('landedAt' in update).toBe(false);
      expect('lagMs' in update).toBe(false);
      const listed = bed.session.live.list().find((t) => t.table === name)!;
      expect(listed.version).toBe(empty);
      expect(listed.landedAt).toBeUndefined();
      expect(listed.lagMs).toBeUndefined();
      const woke = await waiting;
      expect(woke.status).toBe('ok');
      expect(JSON.stringify(woke.outputs)).not.toContain('landedAt');

      from = bed.notices.length;
      const full = await bed.writers[table].appendFromQuery(bed.conn, rowsSql(100, 5));
      const next = await bed.waitFor(updateTo(table, full), from);
      expect(next.landedAt).toEqual(expect.any(Number));
      expect(next.lagMs).toEqual(expect.any(Number));
      await bed.session.live.stop(name);
    }, 60_000);
  }
});
