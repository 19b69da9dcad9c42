/**
 * Scoring that stays current, end to end: `silt run --watch` over a real sharing server on
 * 127.0.0.1 and a copy of a Databricks-written table (simple_table_with_cdc) that gets real commits.
 * A notebook trains a model, then a cell scores the live table with `automl.score(..., { publish })`;
 * each commit re-runs that cell (the live plan) and appends a batch of predictions, with the model's
 * id, to a published table that Silt's own sharing client reads back.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../../kernel/automl';
import { DeltaWriter } from '../../../kernel/delta';
import { sharedTableSql, SharingClient } from '../../../kernel/sharing/client';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../../kernel/sharing/server';
import { SHARED } from '../../helpers/shared';
import { CLI } from '../../helpers/startHost';

let dir: string;
let conn: DuckDBConnection;
let sharing: RunningSharingServer;
let profile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-scoring-'));
  conn = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
  cpSync(join(SHARED, 'data', 'delta', 'simple_table_with_cdc'), join(dir, 'people'), { recursive: true });
  sharing = await startSharingServer({
    shares: [
      {
        name: 'lab',
        schemas: [{ name: 's', tables: [{ name: 'people', location: join(dir, 'people'), historyShared: true, cdfEnabled: true }] }],
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

const cell = (id: string, source: string) => ({
  cell_type: 'code',
  id,
  execution_count: null,
  outputs: [],
  source,
  metadata: { silt: { language: 'typescript' } },
});

async function query<T>(client: SharingClient, ref: { share: string; schema: string; table: string }, select: string): Promise<T[]> {
  const { sql } = await sharedTableSql(client, ref);
  return (await conn.runAndReadAll(select.replace('$T', `(${sql})`))).getRowsJS() as T[];
}

describe('live scoring', () => {
  it('re-scores the live table on each commit and appends the predictions, with the model id, to a published table', async () => {
    const workspace = join(dir, 'ws');
    const input = join(dir, 'scoring.ipynb');
    writeFileSync(
      input,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          cell(
            'train',
            `const train = Array.from({ length: 300 }, (_, i) => ({ id: i * 10, y: 2 * i * 10 + 1 }))
const run = await automl.fit(train, { target: 'y', maxTrials: 2, seed: 1, budgetSeconds: 20, workers: 1 })
require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'model.json'))}, automl.serializeModel(run.model))`,
          ),
          cell(
            'score',
            `const people = await sharing.load('lab.s.people')
const scored = await automl.score(run, people, { reference: train, publish: 'people_scores' })
console.log(\`scored \${scored.length} rows with \${scored.modelId}, published v\${scored.published?.version}\`)`,
          ),
        ],
      }),
    );
    const child = spawn(process.execPath, [CLI, 'run', input, '--profile', profile, '--watch', '--poll', '0.5', '--workspace', workspace], {
      cwd: dir,
      env: { ...process.env, SILT_HOME: mkdtempSync(join(dir, 'home-')) },
      stdio: 'pipe',
    });
    child.stdin!.end();
    let stdout = '',
      stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waitLine = async (re: RegExp, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!stdout.split('\n').some((l) => re.test(l))) {
        if (Date.now() > deadline) throw new Error(`no line ${re}; stdout: ${stdout}\nstderr: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    const source = SharingClient.fromProfile(readFileSync(profile, 'utf8'));
    const people = { share: 'lab', schema: 's', table: 'people' };
    const ids0 = (await query<[number]>(source, people, 'SELECT id FROM $T ORDER BY id')).map((r) => r[0]);
    await source.close();
    try {
      await waitLine(/^watching lab\.s\.people/);
      for (let k = 1; k <= 2; k++) {
        const version = await (
          await DeltaWriter.open(join(dir, 'people'))
        ).appendFromQuery(conn, `SELECT ${1000 * k}::INTEGER AS id, 'n${k}' AS name`);
        await waitLine(new RegExp(`^update ${k} · lab\\.s\\.people v${version} · re-ran 1 cell · `));
      }
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);

    // What a BI tool gets: the published folder served over Delta Sharing, read with Silt's client.
    const server = await startSharingServer({
      shares: [{ name: 'silt', schemas: [{ name: 'published', tables: [], directory: join(workspace, '.silt', 'published') }] }],
    });
    const client = SharingClient.fromProfile(
      JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token }),
    );
    try {
      const ref = { share: 'silt', schema: 'published', table: 'people_scores' };
      expect(await client.tableVersion(ref)).toBe(2); // the first pass and one append per commit
      const rows = await query<[number, number, string, string]>(
        client,
        ref,
        `SELECT id, prediction, model_id, CAST(scored_at AS VARCHAR) FROM $T ORDER BY scored_at, id`,
      );
      const batches = [...new Set(rows.map((r) => r[3]))];
      expect(batches).toHaveLength(3);
      const model = loadModel(readFileSync(join(dir, 'model.json'), 'utf8'));
      batches.forEach((at, k) => {
        const batch = rows.filter((r) => r[3] === at);
        const ids = [...ids0, ...[1, 2].filter((j) => j <= k).map((j) => 1000 * j)].sort((a, b) => a - b);
        expect(batch.map((r) => r[0])).toEqual(ids);
        // The predictions are the trained model's, as the saved model gives them outside the notebook.
        const expected = model.predict(ids.map((id) => ({ id }))) as number[];
        batch.forEach((r, i) => expect(r[1]).toBeCloseTo(expected[i], 9));
      });
      const modelIds = new Set(rows.map((r) => r[2]));
      expect(modelIds.size).toBe(1);
      expect([...modelIds][0]).toMatch(/^[0-9a-f]{12}$/);
    } finally {
      await client.close();
      await server.close();
    }
  }, 120_000);
});
