/**
 * Live tables next to running cells: a cell can wait for the next version and see it; a long query
 * does not hold the table back; a table without history downloads only new files; a corrupt table
 * stops with its reason instead of retrying forever.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveBed, rowsSql, statusOf, updateTo } from './liveFixture';

let bed: LiveBed;

beforeAll(async () => {
  bed = await LiveBed.create([
    { name: 'wait_t', cdf: true, rows: rowsSql(0, 100) },
    { name: 'long_t', cdf: true, rows: rowsSql(0, 100) },
    { name: 'nohist_t', cdf: false, history: false, rows: rowsSql(0, 400) },
    { name: 'bad_t', cdf: false, rows: rowsSql(0, 100) },
  ]);
}, 60_000);
afterAll(async () => bed?.close());

/** The data files a commit added (paths relative to the table). */
function addedFiles(table: string, version: number): string[] {
  const log = readFileSync(join(bed.dir, table, '_delta_log', `${String(version).padStart(20, '0')}.json`), 'utf8');
  return log
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { add?: { path: string } })
    .flatMap((a) => (a.add ? [a.add.path] : []));
}

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a running cell waits for the next version', () => {
  it('sharing.nextVersion resolves with the new version, and SQL after it reads the new rows', async () => {
    const name = bed.name('wait_t');
    await bed.session.live.start(name, 500);
    const cell = bed.run(
      `const v = await sharing.nextVersion('${name}', { timeoutMs: 20000 });
       const df = await sql('SELECT count(*)::INTEGER AS n FROM ${name}');
       JSON.stringify({ version: v.version, previous: v.previousVersion, inserted: v.rowsInserted, n: df.values[0][0] })`,
      'typescript',
    );
    await until(() => bed.session.busy);
    const version = await bed.writers.wait_t.appendFromQuery(bed.conn, rowsSql(1000, 7));
    const done = await cell;
    expect(done.error).toBeUndefined();
    expect(JSON.stringify(done.outputs)).toContain(
      JSON.stringify(JSON.stringify({ version, previous: version - 1, inserted: 7, n: 107 })).slice(1, -1),
    );
  }, 60_000);

  it('await new Promise(r => sharing.subscribe(name, r)) gets the change rows of the next commit', async () => {
    const name = bed.name('wait_t');
    const cell = bed.run(
      `const rows = await new Promise((r) => sharing.subscribe('${name}', r)); rows.map((x) => x._change_type + ':' + x.id).join(',')`,
      'typescript',
    );
    await until(() => bed.session.busy);
    await new Promise((r) => setTimeout(r, 300));
    await bed.writers.wait_t.appendFromQuery(bed.conn, rowsSql(2000, 2));
    const done = await cell;
    expect(done.error).toBeUndefined();
    expect(JSON.stringify(done.outputs)).toContain('insert:2000,insert:2001');
  }, 60_000);

  it('a wait that times out fails the cell with a cancelled error naming the table and the version it holds', async () => {
    const name = bed.name('wait_t');
    const held = bed.session.live.list().find((t) => t.table === name)!.version;
    const done = await bed.run(`await sharing.nextVersion('${name}', { timeoutMs: 300 })`, 'typescript');
    expect(done.status).toBe('error');
    expect(done.error).toBe(`No new version of ${name} within 300 ms (it holds v${held}).`);
  }, 30_000);
});

describe('a long query does not hold a live table back', () => {
  it('the version advances and the update is told while a SQL cell is still running', async () => {
    const name = bed.name('long_t');
    await bed.session.live.start(name, 500);
    // Runs until interrupted: the check below happens while it is certainly still running.
    const long = bed.run(`SELECT sum(hash(i)) FROM ${name}, range(1000000000000) t(i)`);
    await until(() => bed.session.busy);
    const from = bed.notices.length;
    const version = await bed.writers.long_t.appendFromQuery(bed.conn, rowsSql(500, 3));
    const update = await bed.waitFor(updateTo('long_t', version), from);
    expect(bed.session.busy).toBe(true);
    expect(update.rowCount).toBe(103);
    expect(bed.session.live.list().find((t) => t.table === name)).toMatchObject({ version, state: 'live' });
    bed.session.interrupt();
    expect((await long).status).toBe('interrupted');
    expect((await bed.run(`SELECT count(*)::INTEGER FROM ${name}`)).row).toEqual([103]);
  }, 60_000);
});

describe('a table shared without history', () => {
  it('reads only the files it does not hold: appends download the new file, a rewrite only the rewritten one', async () => {
    const name = bed.name('nohist_t');
    const info = await bed.session.live.start(name, 500);
    expect(info).toMatchObject({ mode: 'files', rowCount: 400 });
    const w = bed.writers.nohist_t;
    let from = bed.notices.length;
    const v2 = await w.appendFromQuery(bed.conn, rowsSql(1000, 10));
    const u2 = await bed.waitFor(updateTo('nohist_t', v2), from);
    const newFile = addedFiles('nohist_t', v2);
    const { size: newSize } = await import('node:fs/promises').then((fs) => fs.stat(join(bed.dir, 'nohist_t', newFile[0])));
    expect(newFile).toHaveLength(1);
    expect(u2).toMatchObject({ rowsInserted: 10, rowsDeleted: 0, rowCount: 410, bytes: newSize });
    // No full re-read was announced.
    expect(bed.notices.slice(from).some((n) => n.type === 'session.notice')).toBe(false);

    from = bed.notices.length;
    const v3 = await w.deleteWhere(bed.conn, `id >= 1000 AND id < 1004`);
    const u3 = await bed.waitFor(updateTo('nohist_t', v3), from);
    const rewritten = addedFiles('nohist_t', v3);
    const sizes = await Promise.all(rewritten.map((f) => import('node:fs/promises').then((fs) => fs.stat(join(bed.dir, 'nohist_t', f)))));
    expect(u3).toMatchObject({ rowsDeleted: 10, rowsInserted: 6, rowCount: 406 });
    expect(u3.bytes).toBe(sizes.reduce((s, x) => s + x.size, 0));
    expect(await bed.sessionChecksum('nohist_t')).toEqual(await bed.freshChecksum('nohist_t'));
  }, 60_000);
});

describe('a corrupt table', () => {
  it('stops with code corrupt and no retry promised, and Retry (resume) tries again', async () => {
    const name = bed.name('bad_t');
    await bed.session.live.start(name, 500);
    await bed.session.live.pause(name);
    const w = bed.writers.bad_t;
    const version = await w.appendFromQuery(bed.conn, rowsSql(100, 50));
    const [file] = addedFiles('bad_t', version);
    const path = join(bed.dir, 'bad_t', file);
    const good = readFileSync(path);
    writeFileSync(path, Buffer.alloc(good.length, 7));
    const from = bed.notices.length;
    await bed.session.live.resume(name);
    const error = await bed.waitFor(statusOf('bad_t', 'error'), from);
    expect(error.code).toBe('corrupt');
    expect(error.retryAt).toBeUndefined();
    expect(error.message).toMatch(/retrying cannot help/);
    expect(error.message).not.toMatch(/retrying in/);
    // It stays stopped: no further polls, no "retrying" later.
    await new Promise((r) => setTimeout(r, 2000));
    expect(bed.notices.slice(from).filter((n) => n.type === 'live.status' && n.table === name && n.state === 'error')).toHaveLength(1);
    expect(bed.session.live.list().find((t) => t.table === name)).toMatchObject({ state: 'error', code: 'corrupt' });
    // SQL still answers from the copy as it was.
    expect((await bed.run(`SELECT count(*)::INTEGER FROM ${name}`)).row).toEqual([100]);

    // The file is mended; Retry applies the version.
    writeFileSync(path, good);
    const again = bed.notices.length;
    await bed.session.live.resume(name);
    await bed.waitFor(updateTo('bad_t', version), again);
    await bed.waitFor(statusOf('bad_t', 'live'), again);
  }, 60_000);
});
