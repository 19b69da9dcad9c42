/**
 * `silt run --watch` with checks on a shared table that gets real commits: every new version is
 * checked (and recorded in the history under its version); when a FAIL UPDATE rule fails, the live
 * table holds the version back, the update delivers nothing (the last good report stays) and the run
 * exits 1 naming the rule.
 * The checks here are a `quality.check` TypeScript cell; an `EXPECT ON` cell is watched the same way
 * (common/live/sqlNames.ts counts its target as a use, unit-tested in planLiveRuns.test.ts).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeltaWriter } from '../../../kernel/delta';
import { historySql } from '../../../kernel/quality/qualityHistory';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../../kernel/sharing/server';
import { SHARED } from '../../helpers/shared';
import { CLI } from '../../helpers/startHost';

let dir: string;
let conn: DuckDBConnection;
let sharing: RunningSharingServer;
let profile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-quality-watch-'));
  conn = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
  cpSync(join(SHARED, 'data', 'delta', 'simple_table_with_cdc'), join(dir, 'orders'), { recursive: true });
  sharing = await startSharingServer({
    shares: [
      {
        name: 'lab',
        schemas: [{ name: 's', tables: [{ name: 'orders', location: join(dir, 'orders'), historyShared: true, cdfEnabled: true }] }],
      },
    ],
  });
  profile = join(dir, 'lab.share');
  writeProfile(profile, sharing.url, sharing.token);
}, 60_000);

afterAll(async () => {
  await sharing?.close();
  conn?.closeSync();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const append = async (id: number) =>
  (await DeltaWriter.open(join(dir, 'orders'))).appendFromQuery(conn, `SELECT ${id}::INTEGER AS id, 'name ${id}' AS name`);

describe('expectations in silt run --watch', () => {
  it('checks each version; a failing FAIL UPDATE rule keeps the last good report and exits 1 naming the rule', async () => {
    const input = join(dir, 'checks.ipynb');
    const source =
      "const r = await quality.check('lab.s.orders', { has_name: 'name IS NOT NULL', small_ids: { condition: 'id < 1000', onViolation: 'fail' } })\n" +
      "console.log(`checked ${r.rows} rows of v${r.tableVersion}:`, r.ok ? 'all pass' : 'warnings')";
    writeFileSync(
      input,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          { cell_type: 'code', id: 'c0', execution_count: null, outputs: [], source, metadata: { silt: { language: 'typescript' } } },
        ],
      }),
    );
    const report = join(dir, 'checks.html');
    const workspace = join(dir, 'ws');
    const child = spawn(
      process.execPath,
      [
        CLI,
        'run',
        input,
        '--profile',
        profile,
        '--watch',
        '--poll',
        '0.5',
        '--max-updates',
        '2',
        '--to',
        'html',
        '--out',
        report,
        '--workspace',
        workspace,
      ],
      { cwd: dir, env: { ...process.env, SILT_HOME: mkdtempSync(join(dir, 'home-')) }, stdio: 'pipe' },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let ended = false;
    let code: number | null = null;
    void exited.then((c) => ((ended = true), (code = c)));
    const waitFor = async (re: RegExp) => {
      const deadline = Date.now() + 60_000;
      while (!re.test(stdout)) {
        if (ended) throw new Error(`silt run ended (exit ${code}) without ${re}: ${stdout}\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`no ${re} in: ${stdout}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor(/^watching lab\.s\.orders v(\d+)/m);
      const v0 = Number(/^watching lab\.s\.orders v(\d+)/m.exec(stdout)![1]);
      const v1 = await append(7);
      await waitFor(new RegExp(`^update 1 · lab\\.s\\.orders v${v1} · re-ran 1 cell · wrote `, 'm'));
      const good = readFileSync(report, 'utf8');
      expect(good).toMatch(new RegExp(`checked \\d+ rows of v${v1}: all pass`));
      const v2 = await append(5000);
      expect(await exited).toBe(1);
      // The check the cell ran made the rule the live table's: the bad version is held back before
      // any cell sees it, and the update fails.
      expect(stdout).toMatch(/^update 2 · lab\.s\.orders · held back by an expectation; kept the files of the last good update/m);
      expect(stderr).toMatch(
        new RegExp(`update 2: v${v2} of lab\\.s\\.orders is held back: rule "small_ids" failed on 1 row of the 1 row it adds`),
      );
      expect(readFileSync(report, 'utf8')).toBe(good);
      // One check per version, each recorded under the version it read.
      const rows = (
        await conn.runAndReadAll(
          `SELECT table_version, failed FROM (${await historySql(workspace)}) WHERE rule = 'small_ids' ORDER BY checked_at`,
        )
      ).getRowsJson();
      // The cell's checks of the whole table, and the live table's checks of each increment.
      expect(rows).toEqual([
        [String(v0), '0'],
        [String(v1), '0'],
        [String(v1), '0'],
        [String(v2), '1'],
      ]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
