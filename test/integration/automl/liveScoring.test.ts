/**
 * Scoring that stays current, end to end: `silt run --watch` over a real sharing server on
 * 127.0.0.1 and a copy of a Databricks-written table (simple_table_with_cdc) that gets real commits.
 * A notebook trains a model, then a cell scores the live table with `automl.score(..., { publish })`;
 * each commit re-runs that cell (the live plan) and appends a batch of predictions, with the model's
 * id, to a published table that Silt's own sharing client reads back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../../kernel/automl';
import { SharingClient } from '../../../kernel/sharing/client';
import { startSharingServer } from '../../../kernel/sharing/server';
import { notebookJson, WatchBed } from '../../helpers/watchBed';

let bed: WatchBed;
let dir: string;
let profile: string;

beforeAll(async () => {
  bed = await WatchBed.start('silt-scoring-', ['people']);
  ({ dir, profile } = bed);
}, 60_000);

afterAll(() => bed?.close());

describe('live scoring', () => {
  it('re-scores the live table on each commit and appends the predictions, with the model id, to a published table', async () => {
    const workspace = join(dir, 'ws');
    const input = join(dir, 'scoring.ipynb');
    writeFileSync(
      input,
      notebookJson([
        {
          id: 'train',
          language: 'typescript',
          source: `const train = Array.from({ length: 300 }, (_, i) => ({ id: i * 10, y: 2 * i * 10 + 1 }))
const run = await automl.fit(train, { target: 'y', maxTrials: 2, seed: 1, budgetSeconds: 20, workers: 1 })
require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'model.json'))}, automl.serializeModel(run.model))`,
        },
        {
          id: 'score',
          language: 'typescript',
          source: `const people = await sharing.load('lab.s.people')
const scored = await automl.score(run, people, { reference: train, publish: 'people_scores' })
console.log(\`scored \${scored.length} rows with \${scored.modelId}, published v\${scored.published?.version}\`)`,
        },
      ]),
    );
    const { child, exited, waitLine } = bed.run([input, '--profile', profile, '--watch', '--poll', '0.5', '--workspace', workspace]);

    const source = SharingClient.fromProfile(readFileSync(profile, 'utf8'));
    const people = { share: 'lab', schema: 's', table: 'people' };
    const ids0 = (await bed.query<[number]>(source, people, 'SELECT id FROM $T ORDER BY id')).map((r) => r[0]);
    await source.close();
    try {
      await waitLine(/^watching lab\.s\.people/);
      for (let k = 1; k <= 2; k++) {
        const version = await bed.append('people', 1000 * k);
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
      const rows = await bed.query<[number, number, string, string]>(
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
