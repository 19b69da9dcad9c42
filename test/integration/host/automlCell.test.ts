import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, openSession, runText, type OpenSession, type ProtocolClient } from '../../helpers/startHost';
import { SHARED } from '../../helpers/shared';

let opened: OpenSession;
let client: ProtocolClient;
let sessionId: string;

beforeAll(async () => {
  opened = await openSession('automl');
  ({ client, sessionId } = opened);
});
afterAll(() => opened?.close());

const text = runText;

describe('AutoML from a notebook', () => {
  it('trains on a SQL result by name and predicts with the model', async () => {
    const exec = (language: 'sql' | 'typescript', code: string, name?: string) =>
      client.request('execute', { sessionId, runId: code.slice(0, 8), cellId: 'c', language, code, ...(name ? { name } : {}) });
    await exec(
      'sql',
      `SELECT x, y, CASE WHEN x + y > 1 THEN 'yes' ELSE 'no' END AS label
      FROM (SELECT (hash(i) % 1000) / 1000.0 AS x, (hash(i * 7) % 1000) / 1000.0 AS y FROM range(600) t(i))`,
      'points',
    );
    const r = await exec(
      'typescript',
      `const run = await automl.fit('points', { target: 'label', maxTrials: 4, seed: 1, budgetSeconds: 20 })
const p = run.model.predict([{ x: 0.9, y: 0.9 }, { x: 0.05, y: 0.05 }])
console.log(JSON.stringify({ preds: Array.from(p), trials: run.leaderboard.length }))`,
    );
    expect(r.status, text(r)).toBe('ok');
    const out = JSON.parse(text(r));
    expect(out.preds).toEqual(['yes', 'no']);
    expect(out.trials).toBeGreaterThanOrEqual(1);
  });
});

describe('silt automl', () => {
  it('trains on the peer split and writes predictions the peer harness format expects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-automl-'));
    const preds = join(dir, 'preds.csv');
    const { stdout } = await promisify(execFile)(process.execPath, [
      CLI,
      'automl',
      `${SHARED}/data/tabular/penguins.csv`,
      '--target',
      'species',
      '--budget',
      '5',
      '--seed',
      '0',
      '--split-json',
      `${SHARED}/bench/splits/penguins.seed0.split.json`,
      '--preds-out',
      preds,
    ]);
    const line = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(line).toMatchObject({ metric: expect.any(String) });
    const csv = readFileSync(preds, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('row,p_Adelie,p_Chinstrap,p_Gentoo');
    const split = JSON.parse(readFileSync(`${SHARED}/bench/splits/penguins.seed0.split.json`, 'utf8'));
    expect(csv.length - 1).toBe(split.test_idx.length);
  });
});
