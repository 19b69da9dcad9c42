/**
 * Expectations on a live table, as DLT's FAIL UPDATE means them: a commit whose new rows break a
 * FAIL UPDATE rule is held back (the copy keeps the last good version, the table says why and a
 * notice raises the alert), in both CDF and file-diff modes; a commit that keeps the rules lands.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveBed, rowsSql, statusOf, updateTo } from '../live/liveFixture';

let bed: LiveBed;

beforeAll(async () => {
  bed = await LiveBed.create([
    { name: 'held_cdf', cdf: true, rows: rowsSql(0, 50) },
    { name: 'held_files', cdf: false, rows: rowsSql(0, 50) },
    { name: 'held_yml', cdf: true, rows: rowsSql(0, 50) },
    { name: 'held_qualified', cdf: true, rows: rowsSql(0, 50) },
  ]);
}, 60_000);
afterAll(async () => bed?.close());

describe.each(['held_cdf', 'held_files'])('a live table with a FAIL UPDATE expectation (%s)', (table) => {
  it('applies a commit that keeps the rule, holds back one that breaks it, and keeps the last good rows', async () => {
    const name = bed.name(table);
    const rule = await bed.run(`EXPECT ON ${name}\n  CONSTRAINT small_ids EXPECT (id < 1000) ON VIOLATION FAIL UPDATE`);
    expect(rule.status, JSON.stringify(rule.outputs)).toBe('ok');
    const started = await bed.session.live.start(name, 500);

    let from = bed.notices.length;
    await bed.writers[table].appendFromQuery(bed.conn, rowsSql(50, 10));
    await bed.waitFor(updateTo(table, started.version! + 1), from, 30_000);
    const good = await bed.sessionChecksum(table);
    expect(good[0]).toBe(60);

    from = bed.notices.length;
    await bed.writers[table].appendFromQuery(bed.conn, rowsSql(5000, 3));
    const held = await bed.waitFor(statusOf(table, 'error'), from, 30_000);
    expect(held.message).toMatch(
      new RegExp(`v${started.version! + 2} of .*${table} is held back: rule "small_ids" failed on 3 rows of the 3 rows it adds`),
    );
    expect(held.code).toBe('conflict');
    expect(bed.notices.slice(from).some((n) => n.type === 'session.notice' && /held back/.test(n.message))).toBe(true);
    // The copy is the last good version: the server has 63 rows now, the session still reads 60.
    expect(await bed.sessionChecksum(table)).toEqual(good);
    expect((await bed.freshChecksum(table))[0]).toBe(63);
    expect(bed.notices.slice(from).some((n) => n.type === 'live.update' && n.table.endsWith(table))).toBe(false);
    await bed.session.live.stop(name);
  }, 90_000);
});

describe("a live table whose rule qualifies a column by the table's shared name", () => {
  it('checks the increment with the rule as the expectation cell reads it: a good commit lands, a bad one is held', async () => {
    const name = bed.name('held_qualified');
    const rule = await bed.run(`EXPECT ON ${name}\n  CONSTRAINT small_ids EXPECT (${name}.id < 1000) ON VIOLATION FAIL UPDATE`);
    expect(rule.status, JSON.stringify(rule.outputs)).toBe('ok');
    const started = await bed.session.live.start(name, 500);

    let from = bed.notices.length;
    await bed.writers.held_qualified.appendFromQuery(bed.conn, rowsSql(50, 10));
    await bed.waitFor(updateTo('held_qualified', started.version! + 1), from, 30_000);
    expect((await bed.sessionChecksum('held_qualified'))[0]).toBe(60);

    from = bed.notices.length;
    await bed.writers.held_qualified.appendFromQuery(bed.conn, rowsSql(5000, 3));
    const held = await bed.waitFor(statusOf('held_qualified', 'error'), from, 30_000);
    expect(held.message).toMatch(
      new RegExp(`v${started.version! + 2} of .*held_qualified is held back: rule "small_ids" failed on 3 rows of the 3 rows it adds`),
    );
    expect((await bed.sessionChecksum('held_qualified'))[0]).toBe(60);
    await bed.session.live.stop(name);
  }, 90_000);
});

describe('a live table whose team rule cannot be checked', () => {
  it('holds the version back and says why, instead of letting unchecked rows through', async () => {
    const name = bed.name('held_yml');
    writeFileSync(join(bed.dir, 'expectations.yml'), `${name}:\n  has_price:\n    expect: price > 0\n    on_violation: fail update\n`);
    const started = await bed.session.live.start(name, 500);
    const from = bed.notices.length;
    await bed.writers.held_yml.appendFromQuery(bed.conn, rowsSql(50, 10));
    const held = await bed.waitFor(statusOf('held_yml', 'error'), from, 30_000);
    expect(held.message).toMatch(new RegExp(`v${started.version! + 1} of .*held_yml is held back: its expectations could not be checked`));
    expect((await bed.sessionChecksum('held_yml'))[0]).toBe(50);
    expect(bed.notices.slice(from).some((n) => n.type === 'live.update' && n.table.endsWith('held_yml'))).toBe(false);
    await bed.session.live.stop(name);
  }, 90_000);
});
