/**
 * Live tables when things go wrong or change shape: a schema change mid-stream, the server down for
 * a while, a dependent cell that fails on new data; and TypeScript subscriptions.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeltaTable } from '../../../kernel/delta';
import { writeCommit } from '../../../kernel/delta/commitLog';
import { planLiveRuns } from '../../../common/live/planLiveRuns';
import { LiveBed, rowsSql, statusOf, updateTo } from './liveFixture';

let bed: LiveBed;

beforeAll(async () => {
  bed = await LiveBed.create([
    { name: 'schema_t', cdf: true, rows: rowsSql(0, 100) },
    { name: 'down_t', cdf: false, rows: rowsSql(0, 100) },
    { name: 'err_t', cdf: true, rows: rowsSql(0, 100) },
    { name: 'sub_t', cdf: true, rows: rowsSql(0, 100) },
  ]);
}, 60_000);
afterAll(async () => bed?.close());

/** Commits a new metaData with the schema `edit` returns. */
async function changeSchema(table: string, edit: (fields: { name: string }[]) => object[]): Promise<number> {
  const root = join(bed.dir, table);
  const snap = await DeltaTable.open(root).snapshot();
  const schema = JSON.parse(snap.metadata.schemaString) as { type: string; fields: { name: string }[] };
  const version = snap.version + 1;
  const metaData = { ...snap.metadata, schemaString: JSON.stringify({ ...schema, fields: edit(schema.fields) }) };
  await writeCommit(root, version, [{ commitInfo: { timestamp: Date.now(), operation: 'SET TBLPROPERTIES' } }, { metaData }]);
  return version;
}

describe('schema changes', () => {
  it('an added column is added to the copy; a dropped column reloads the table and says so', async () => {
    const name = bed.name('schema_t');
    await bed.session.live.start(name, 500);
    let from = bed.notices.length;
    const v2 = await changeSchema('schema_t', (f) => [...f, { name: 'w', type: 'long', nullable: true, metadata: {} }]);
    await bed.waitFor(updateTo('schema_t', v2), from);
    expect(bed.notices.slice(from).some((n) => n.type === 'session.notice')).toBe(false);
    const added = await bed.run(`SELECT count(*)::INTEGER, count(w)::INTEGER FROM ${name}`);
    expect(added.row).toEqual([100, 0]);

    from = bed.notices.length;
    const v3 = await changeSchema('schema_t', (f) => f.filter((x) => x.name !== 'k'));
    const u = await bed.waitFor(updateTo('schema_t', v3), from);
    expect(u.rowCount).toBe(100);
    await bed.waitFor(statusOf('schema_t', 'catching-up'), from);
    const notice = bed.notices.slice(from).find((n) => n.type === 'session.notice');
    expect(notice && 'message' in notice ? notice.message : '').toMatch(
      /schema_t is re-read in full: its schema changed: column k was dropped/,
    );
    const cols = await bed.run(`SELECT * FROM ${name} LIMIT 1`);
    const out = cols.outputs[0];
    expect(out.kind === 'table' ? out.columns.map((c) => c.name) : []).toEqual(['id', 'v', 'w']);

    // Increments continue after the reload.
    from = bed.notices.length;
    const v4 = await bed.writers.schema_t.appendFromQuery(bed.conn, `SELECT 500::BIGINT AS id, 1.0::DOUBLE AS v, 7::BIGINT AS w`);
    expect(await bed.waitFor(updateTo('schema_t', v4), from)).toMatchObject({ rowsInserted: 1, rowCount: 101 });
  }, 60_000);
});

describe('server down', () => {
  it('backs off while the server is down, keeps answering from the copy, and recovers', async () => {
    const name = bed.name('down_t');
    await bed.session.live.start(name, 500);
    let from = bed.notices.length;
    await bed.server.close();
    const first = await bed.waitFor(statusOf('down_t', 'error'), from);
    const second = await bed.waitFor((n): n is typeof first => statusOf('down_t', 'error')(n) && n !== first, from);
    // Exponential: the wait after the second failure is twice the first.
    const delay = (m?: string) => Number(/retrying in (\d+) s/.exec(m ?? '')?.[1]);
    expect(delay(second.message)).toBe(2 * delay(first.message));
    // SQL still reads the local copy.
    expect((await bed.run(`SELECT count(*)::INTEGER FROM ${name}`)).row).toEqual([100]);

    await bed.startServer();
    from = bed.notices.length;
    const v = await bed.writers.down_t.appendFromQuery(bed.conn, rowsSql(1000, 5));
    await bed.waitFor(updateTo('down_t', v), from, 20_000);
    await bed.waitFor(statusOf('down_t', 'live'), from);
    expect(await bed.sessionChecksum('down_t')).toEqual(await bed.freshChecksum('down_t'));
  }, 60_000);
});

describe('dependent cells', () => {
  it('a re-run that fails shows its error and the table stays live', async () => {
    const name = bed.name('err_t');
    await bed.session.live.start(name, 500);
    const cell = {
      id: 'c1',
      language: 'sql' as const,
      code: `SELECT CASE WHEN count(*) = 101 THEN error('too many rows') ELSE count(*) END AS n FROM ${name}`,
    };
    expect((await bed.run(cell.code)).row).toEqual(['100']);
    const plan = () => planLiveRuns([cell, { id: 'c2', language: 'sql', code: 'SELECT 1' }], [name]);

    let from = bed.notices.length;
    let v = await bed.writers.err_t.appendFromQuery(bed.conn, rowsSql(2000, 1));
    await bed.waitFor(updateTo('err_t', v), from);
    expect(plan()).toEqual(['c1']);
    const failed = await bed.run(cell.code);
    expect(failed.status).toBe('error');
    expect(failed.error).toMatch(/too many rows/);

    from = bed.notices.length;
    v = await bed.writers.err_t.appendFromQuery(bed.conn, rowsSql(2001, 1));
    await bed.waitFor(updateTo('err_t', v), from);
    expect((await bed.run(cell.code)).row).toEqual(['102']);
    expect(bed.session.live.list().find((t) => t.table === name)?.state).toBe('live');
  }, 60_000);
});

describe('sharing.subscribe', () => {
  it('calls back with the change rows of each new version and unsubscribes', async () => {
    const name = bed.name('sub_t');
    let from = bed.notices.length;
    const sub = await bed.run(
      `const seen: any[] = []; const unsub = sharing.subscribe('${name}', (rows) => { seen.push(...rows) }); typeof unsub`,
      'typescript',
    );
    expect(sub.error).toBeUndefined();
    await bed.waitFor(statusOf('sub_t', 'live'), from);

    from = bed.notices.length;
    const v = await bed.writers.sub_t.deleteWhere(bed.conn, `id < 3`);
    await bed.waitFor(updateTo('sub_t', v), from);
    const seen = await bed.run(`seen.map((r) => r._change_type + ':' + r.id).sort().join(',')`, 'typescript');
    const shown = seen.outputs.find((o) => o.kind === 'rich' || o.kind === 'stream');
    expect(JSON.stringify(shown)).toContain('delete:0,delete:1,delete:2');

    await bed.run(`unsub()`, 'typescript');
    await new Promise((r) => setTimeout(r, 200));
    expect(bed.session.live.list().some((t) => t.table === name)).toBe(false);
  }, 60_000);

  it('re-running the cell that subscribed replaces its subscription instead of adding a second one', async () => {
    const name = bed.name('sub_t');
    const cell = `globalThis.calls ??= []; let run = (globalThis.runs = (globalThis.runs ?? 0) + 1); sharing.subscribe('${name}', () => { globalThis.calls.push(run) }); run`;
    let from = bed.notices.length;
    await bed.run(cell, 'typescript', 'subscriber');
    await bed.waitFor(statusOf('sub_t', 'live'), from);
    await bed.run(cell, 'typescript', 'subscriber');
    from = bed.notices.length;
    const v = await bed.writers.sub_t.appendFromQuery(bed.conn, rowsSql(5000, 2));
    await bed.waitFor(updateTo('sub_t', v), from);
    const calls = await bed.run(`JSON.stringify(globalThis.calls)`, 'typescript');
    // Only the second run's callback hears the new version.
    expect(JSON.stringify(calls.outputs)).toContain('[2]');
  }, 60_000);
});
