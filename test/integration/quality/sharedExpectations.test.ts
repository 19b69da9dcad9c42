/**
 * Expectations on shared tables served by the real Delta Sharing server over the Spark-written
 * tables of ../shared/data/delta: one with deletion vectors, one with column mapping. Figures are
 * compared with the tables' expected.json (computed outside Silt) and with hand-written SQL; a FAIL
 * UPDATE rule makes `silt run` exit 1 naming the rule.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableOutput } from '../../../kernel/protocol';
import { historySql } from '../../../kernel/quality/qualityHistory';
import { Session } from '../../../kernel/session/Session';
import { sessionHandlers } from '../../../kernel/session/sessionHandlers';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { SHARED } from '../../helpers/shared';
import { CLI } from '../../helpers/startHost';

const DATA = join(SHARED, 'data', 'delta');
const expected = JSON.parse(readFileSync(join(DATA, 'expected.json'), 'utf8')).tables;
const latest = (t: string) => expected[t].versions[String(expected[t].latestVersion)].data;
const DV = latest('basic-dv-with-checkpoint');
const COLMAP = latest('table-with-columnmapping-mode-name');

const dir = mkdtempSync(join(tmpdir(), 'silt-quality-shared-'));
let server: RunningSharingServer;
let session: Session;
let profile: string;
let run = 0;
const exec = (code: string, name?: string) => session.execute({ runId: `r${++run}`, language: 'sql', code, name });
const figures = async (code: string, name?: string) => {
  const r = await exec(code, name);
  expect(r.outputs.find((o) => o.kind === 'error')).toBeUndefined();
  return (r.outputs.find((o) => o.kind === 'table') as TableOutput).rows.map((row) => ({
    rule: row[0],
    checked: row[2],
    passed: row[3],
    failed: row[4],
  }));
};
const one = async (sql: string) => {
  const r = await exec(sql);
  return Number((r.outputs.find((o) => o.kind === 'table') as TableOutput).rows[0][0]);
};

beforeAll(async () => {
  server = await startSharingServer({
    port: 0,
    bearerToken: 'quality-token',
    shares: [
      {
        name: 'qa',
        schemas: [
          {
            name: 's',
            tables: [
              { name: 'dv', location: join(DATA, 'basic-dv-with-checkpoint'), historyShared: true },
              { name: 'colmap', location: join(DATA, 'table-with-columnmapping-mode-name'), historyShared: true },
            ],
          },
        ],
      },
    ],
  });
  profile = join(dir, 'qa.share');
  writeFileSync(profile, JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: 'quality-token' }));
  session = await Session.create({ workspace: dir, emit: () => {}, profiles: [profile] });
});
afterAll(async () => {
  await session?.engine.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('expectations on shared tables', () => {
  it('counts rows of a table with deletion vectors as expected.json and hand-written SQL do', async () => {
    const f = await figures(`EXPECT ON qa.s.dv
      CONSTRAINT has_id EXPECT (id IS NOT NULL),
      CONSTRAINT even EXPECT (id % 2 = 0),
      CONSTRAINT small EXPECT (id < 300)`);
    const rows = DV.rowCount;
    expect(rows).toBe(454);
    expect(f).toEqual([
      { rule: 'has_id', checked: rows, passed: rows - (rows - DV.checksums['id.nonNull']), failed: 0 },
      {
        rule: 'even',
        checked: rows,
        passed: rows - (await one('SELECT count(*) FROM qa.s.dv WHERE id % 2 <> 0')),
        failed: await one('SELECT count(*) FROM qa.s.dv WHERE id % 2 <> 0'),
      },
      {
        rule: 'small',
        checked: rows,
        passed: await one('SELECT count(*) FROM qa.s.dv WHERE id < 300'),
        failed: await one('SELECT count(*) FROM qa.s.dv WHERE id >= 300'),
      },
    ]);
  });

  it('reads column-mapped names; NULLs fail IS NOT NULL but pass a NULL condition', async () => {
    const f = await figures(`EXPECT ON qa.s.colmap
      CONSTRAINT byte_present EXPECT (ByteType IS NOT NULL),
      CONSTRAINT flagged EXPECT (BooleanType),
      CONSTRAINT digits EXPECT (StringType BETWEEN '0' AND '4')`);
    const rows = COLMAP.rowCount;
    const nulls = rows - COLMAP.checksums['ByteType.nonNull'];
    const falses = COLMAP.checksums['BooleanType.nonNull'] - COLMAP.checksums['BooleanType.countTrue'];
    expect([nulls, falses]).toEqual([1, 2]);
    expect(f).toEqual([
      { rule: 'byte_present', checked: rows, passed: rows - nulls, failed: nulls },
      { rule: 'flagged', checked: rows, passed: rows - falses, failed: falses },
      { rule: 'digits', checked: rows, passed: rows, failed: 0 },
    ]);
  });

  it('DROP ROW on a shared table writes <table>_valid and <table>__quarantine, which add up to the table', async () => {
    await figures('EXPECT ON qa.s.dv CONSTRAINT small EXPECT (id < 300) ON VIOLATION DROP ROW');
    const kept = await one('SELECT count(*) FROM dv_valid');
    const quarantined = await one('SELECT count(*) FROM dv__quarantine');
    expect(kept + quarantined).toBe(DV.rowCount);
    expect(await one('SELECT count(*) FROM dv_valid WHERE id >= 300')).toBe(0);
    expect((await one('SELECT sum(id) FROM dv_valid')) + (await one('SELECT sum(id) FROM dv__quarantine'))).toBe(
      Number(DV.checksums['id.sum']),
    );
  });

  it('records the shared table version each check ran on', async () => {
    const rows = await session.engine.query(`SELECT DISTINCT target, table_version FROM (${await historySql(dir)}) ORDER BY target`);
    expect(rows).toEqual([
      { target: 'qa.s.colmap', table_version: BigInt(expected['table-with-columnmapping-mode-name'].latestVersion) },
      { target: 'qa.s.dv', table_version: BigInt(expected['basic-dv-with-checkpoint'].latestVersion) },
    ]);
  });

  it('suggested expectations hold on the shared tables they were made from', async () => {
    for (const table of ['qa.s.dv', 'qa.s.colmap']) {
      const r = await session.execute({
        runId: `r${++run}`,
        language: 'typescript',
        code: `console.log(await quality.suggest('${table}'))`,
      });
      const cell = (r.outputs.find((o) => o.kind === 'stream') as { text: string }).text;
      expect(cell.split('CONSTRAINT').length - 1).toBeGreaterThanOrEqual(table === 'qa.s.dv' ? 3 : 10);
      const f = await figures(cell);
      expect(f.filter((x) => x.failed !== 0)).toEqual([]);
      expect(
        f.every(
          (x) => x.checked === latest(table === 'qa.s.dv' ? 'basic-dv-with-checkpoint' : 'table-with-columnmapping-mode-name').rowCount,
        ),
      ).toBe(true);
    }
    // The catalog's badge: the table's last check passed, on the version the server has.
    const { check } = await sessionHandlers['quality.last'](session, { table: 'qa.s.dv' });
    expect(check).toMatchObject({ state: 'pass', tableVersion: expected['basic-dv-with-checkpoint'].latestVersion, failing: [] });
  });

  it('silt run exits 1 naming the FAIL UPDATE rule', async () => {
    const nb = join(dir, 'checks.ipynb');
    const cell = (source: string) => ({
      cell_type: 'code',
      id: `c${source.length}`,
      execution_count: null,
      outputs: [],
      source,
      metadata: { silt: { language: 'sql' } },
    });
    writeFileSync(
      nb,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          cell(
            'EXPECT ON qa.s.dv\n  CONSTRAINT has_id EXPECT (id IS NOT NULL),\n  CONSTRAINT small EXPECT (id < 300) ON VIOLATION FAIL UPDATE',
          ),
          cell('SELECT 1'),
        ],
      }),
    );
    const err = await promisify(execFile)(process.execPath, [CLI, 'run', nb, '--profile', profile], { cwd: dir }).then(
      () => null,
      (e) => e,
    );
    expect(err?.code).toBe(1);
    expect(err.stderr).toMatch(
      /Cell 1 \(sql\) failed: Expectation failed: Rule "small" failed on \d+ rows of 454 rows of qa\.s\.dv .*\(line 3\)/,
    );
  });
});
