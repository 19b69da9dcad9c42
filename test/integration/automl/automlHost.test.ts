/**
 * The `automl.*` requests through the built `silt serve` over a real WebSocket: the host forwards
 * them to the session process, whose notices come back as events; the generated notebook then runs
 * in that same session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRequest, type EventMessage, type RunResult, type TableOutput } from '../../../kernel/protocol';
import { SHARED } from '../../helpers/shared';
import { openSession, runText, type OpenSession, type ProtocolClient } from '../../helpers/startHost';

let opened: OpenSession;
let client: ProtocolClient;
let sessionId: string;
/** The job the first test trained (its notebook is run by the second). */
let finishedJob: string | undefined;

beforeAll(async () => {
  opened = await openSession('automl-host');
  ({ client, sessionId } = opened);
});
afterAll(() => opened?.close());

const text = runText;

async function waitFor<T>(find: () => T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = find();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('AutoML over the protocol', () => {
  it('trains on a named result and streams progress events', async () => {
    const exec = (language: 'sql' | 'typescript', code: string, name?: string) =>
      client.request('execute', { sessionId, runId: `r${Math.random()}`, cellId: 'c', language, code, ...(name ? { name } : {}) });
    await exec('sql', `SELECT * FROM read_csv_auto('${SHARED}/data/tabular/penguins.csv')`, 'penguins');
    const { jobId } = await client.request('automl.start', {
      sessionId,
      source: { handle: 'penguins' },
      target: 'species',
      // Long enough for several trials on a loaded 2-core runner: the first can take seconds to arrive.
      budgetSeconds: 6,
      seed: 0,
    });
    const done = await waitFor(() =>
      client.events.find((e): e is Extract<EventMessage, { type: 'automl.done' }> => e.type === 'automl.done' && e.jobId === jobId),
    );
    expect(done.status).toBe('done');
    finishedJob = jobId;
    const progress = client.events.filter(
      (e): e is Extract<EventMessage, { type: 'automl.progress' }> => e.type === 'automl.progress' && e.jobId === jobId,
    );
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress[0]).toMatchObject({ sessionId, metric: 'log_loss', budgetMs: 6000 });

    const report = await client.request('automl.result', { sessionId, jobId, theme: 'dark' });
    expect(report).toMatchObject({ task: 'multiclass', metric: 'log_loss', variable: 'model_species' });
    expect(report.validationScore).toBeLessThan(0.3);
    expect(report.charts.map((c) => c.title)).toContain('Confusion matrix (validation)');
    expect(report.charts[0].svg).toContain('#1e2227');
  });

  it('the generated notebook runs in the session, reads the data by name and scores the holdout', async () => {
    expect(finishedJob, 'this test reads the job the previous test trained').toBeDefined();
    const jobId = finishedJob!;
    const report = await client.request('automl.result', { sessionId, jobId });
    const exec = (language: 'sql' | 'typescript', code: string) =>
      client.request('execute', { sessionId, runId: `r${Math.random()}`, cellId: 'c', language, code });

    // The cells read the data by name and split it by rule: no listed row numbers.
    const code = report.cells.map((c) => c.source).join('\n');
    expect(code).toContain('automl.table("penguins")');
    expect(code).not.toMatch(/\[\s*0\s*,\s*1\s*,\s*2\b/);
    const outputs: string[] = [];
    for (const cell of report.cells.filter((c) => c.language === 'typescript')) {
      const r: RunResult = await exec('typescript', cell.source);
      expect(r.status, text(r)).toBe('ok');
      outputs.push(text(r));
    }
    // The holdout is a fifth of the rows with a species (counted here by SQL) and the model never trained on it.
    const counted = await exec('sql', `SELECT count(species) AS n FROM penguins`);
    const n = Number((counted.outputs[0] as TableOutput).rows[0][0]);
    const holdout = Math.round(n * 0.2);
    expect(outputs.join('\n')).toContain(`${n - holdout} training rows, ${holdout} holdout rows`);
    const logLoss = Number(/log_loss (\S+)/.exec(outputs.at(-1)!)?.[1]);
    // An in-sample evaluation of a refit tree model gives ~0; the holdout does not.
    expect(logLoss).toBeGreaterThan(0.001);
    expect(logLoss).toBeLessThan(0.4);
  });

  it('interrupting a cell stops its search at once and the cell goes on with the best model so far', async () => {
    const runId = 'fit-interrupt';
    const result = client.request('execute', {
      sessionId,
      runId,
      cellId: 'c2',
      language: 'typescript',
      code: `const run = await automl.fit('penguins', { target: 'species', budgetSeconds: 60 })\nconsole.log(run.cancelled, run.leaderboard.length)`,
    });
    await waitFor(() => client.events.filter((e) => e.type === 'run.progress' && e.runId === runId && /AutoML: trial/.test(e.label))[1]);
    // The cell's progress line counts the budget's seconds (it read "3 B of 60 B" when every amount was bytes).
    const line = client.events.find((e) => e.type === 'run.progress' && e.runId === runId && /AutoML: trial/.test(e.label));
    expect(line).toMatchObject({ unit: 'seconds', total: 60 });
    // Not restarted: the run answered within the interrupt's grace, with the best model so far.
    expect(await client.request('session.interrupt', { sessionId })).toEqual({ restarted: false });
    const r = await result;
    const [cancelled, trials] = text(r).trim().split(' ');
    expect(cancelled).toBe('true');
    expect(Number(trials)).toBeGreaterThanOrEqual(2);
  });

  it('refuses malformed or unknown automl requests with a clear message', async () => {
    const start = {
      kind: 'request',
      id: 1,
      type: 'automl.start',
      params: { sessionId, source: { handle: 'penguins' }, target: 'species' },
    };
    expect(() => parseRequest(JSON.stringify(start))).toThrow(/automl.start: missing budgetSeconds/);
    expect(() => parseRequest(JSON.stringify({ ...start, params: { ...start.params, budgetSeconds: 5, source: 'penguins' } }))).toThrow(
      /source must be a object/,
    );
    await expect(client.request('automl.result', { sessionId, jobId: 'automl-999' })).rejects.toThrow(/No AutoML job automl-999/);
  });
});
