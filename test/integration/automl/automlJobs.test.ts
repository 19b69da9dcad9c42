/**
 * AutoML jobs as the UI drives them: a real Session (real DuckDB) answering the `automl.*` requests
 * through its handler table, with the search on the worker pool.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../../kernel/automl';
import type { SessionNoticeBody, TableOutput } from '../../../kernel/protocol';
import { Session } from '../../../kernel/session/Session';
import { sessionHandlers } from '../../../kernel/session/sessionHandlers';
import { SHARED } from '../../helpers/shared';

const dir = mkdtempSync(join(tmpdir(), 'silt-automl-jobs-'));
const notices: SessionNoticeBody[] = [];
let session: Session;
let handle: string;

type Progress = Extract<SessionNoticeBody, { type: 'automl.progress' }>;
type Done = Extract<SessionNoticeBody, { type: 'automl.done' }>;
const progressOf = (jobId: string) => notices.filter((n): n is Progress => n.type === 'automl.progress' && n.jobId === jobId);
const until = async <T>(find: () => T | undefined, ms = 20_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = find();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const doneOf = (jobId: string) => until(() => notices.find((n): n is Done => n.type === 'automl.done' && n.jobId === jobId));

beforeAll(async () => {
  session = await Session.create({ workspace: dir, emit: () => {}, notify: (n) => notices.push(n) });
  const r = await session.execute({
    runId: 'r1',
    language: 'sql',
    code: `SELECT * FROM read_csv_auto('${SHARED}/data/tabular/pima_diabetes.csv')`,
    name: 'pima',
  });
  handle = (r.outputs[0] as TableOutput).handle!;
});
afterAll(async () => {
  await session?.engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('AutoML jobs in a session', () => {
  it('streams progress, keeps answering result.page, then reports, exports and adds the model', async () => {
    const { jobId } = await sessionHandlers['automl.start'](session, { source: { handle }, target: 'class', budgetSeconds: 3, seed: 0 });
    await until(() => progressOf(jobId)[0]);
    // A page of the table answers while the search is still running (it trains off the session's thread).
    const page = await sessionHandlers['result.page'](session, { handle, offset: 10, limit: 5 });
    expect(page.rows).toHaveLength(5);
    await expect(sessionHandlers['automl.result'](session, { jobId })).rejects.toThrow(/still running/);
    expect((await doneOf(jobId)).status).toBe('done');

    const progress = progressOf(jobId);
    expect(progress.map((p) => p.trial)).toEqual(progress.map((_, i) => i + 1));
    expect(progress.at(-1)!.leaderboard[0].score).toBe(Math.max(...progress.map((p) => p.score)));
    expect(progress[0]).toMatchObject({ metric: 'roc_auc', budgetMs: 3000 });

    const report = await sessionHandlers['automl.result'](session, { jobId });
    expect(report).toMatchObject({
      target: 'class',
      task: 'binary',
      metric: 'roc_auc',
      rows: 768,
      variable: 'model_class',
      cancelled: false,
    });
    expect(report.leaderboard.length).toBeGreaterThanOrEqual(3);
    expect(report.validationScore).toBeGreaterThan(0.75);
    // Every row names its family and parameters; no configuration appears twice.
    for (const row of report.leaderboard) expect(row.label).toMatch(/^[a-z ]+ #\d+( · .+)?$/);
    const configs = report.leaderboard.map((row) => `${row.family} ${JSON.stringify(row.params)}`);
    expect(new Set(configs).size).toBe(configs.length);
    expect(report.split.text).toBe('validated by 5-fold cross-validation (rows shuffled)');
    expect(report.ensembleText).toMatch(report.ensemble.length > 1 ? /averages the predictions of \d+ trials/ : /best single trial/);
    expect(report.charts.map((c) => c.title).join('\n')).toMatch(/Best roc_auc per family[\s\S]*Permutation importance[\s\S]*ROC curve/);
    expect(report.charts.every((c) => c.svg.startsWith('<svg'))).toBe(true);
    expect(report.cells.some((c) => c.source.includes(`automl.table(${JSON.stringify(handle)})`))).toBe(true);

    const { path } = await sessionHandlers['automl.exportModel'](session, { jobId, path: 'models/pima.json' });
    expect(path).toBe(join(dir, 'models', 'pima.json'));
    const model = loadModel(readFileSync(path, 'utf8'));
    expect(
      model.predict([
        { glucose: 190, bmi: 45, age: 50 },
        { glucose: 80, bmi: 20, age: 22 },
      ]),
    ).toEqual(['1', '0']);
    const html = (await sessionHandlers['automl.exportReport'](session, { jobId, path: 'pima.html' })).path;
    const htmlText = readFileSync(html, 'utf8');
    expect(htmlText).toMatch(/<h2>Charts<\/h2>[\s\S]*<svg/);
    // The report says how it validated, explains the final model and names trials by their parameters.
    expect(htmlText).toContain('validated by 5-fold cross-validation (rows shuffled)');
    expect(htmlText).toMatch(
      /<h2>Final model<\/h2>\s*<p>The final model (is the best single trial|averages the predictions of \d+ trials)/,
    );
    expect(htmlText).toMatch(/<td>decision tree #\d+ · depth \d+, min leaf \d+<\/td>/);
    // Separate files, one extension each: the report never becomes .html.html, a bare name gets its extension.
    const report2 = (await sessionHandlers['automl.exportReport'](session, { jobId, path: 'models/model_report.html' })).path;
    expect(report2).toBe(join(dir, 'models', 'model_report.html'));
    expect(readdirSync(join(dir, 'models')).sort()).toEqual(['model_report.html', 'pima.json']);
    expect((await sessionHandlers['automl.exportReport'](session, { jobId, path: 'models/pima.json' })).path).toBe(
      join(dir, 'models', 'pima.html'),
    );
    expect((await sessionHandlers['automl.exportModel'](session, { jobId, path: 'models/bare' })).path).toBe(
      join(dir, 'models', 'bare.json'),
    );
    expect(readFileSync(join(dir, 'models', 'pima.json'), 'utf8')).toBe(readFileSync(path, 'utf8'));

    expect(await sessionHandlers['automl.addToSession'](session, { jobId })).toEqual({ name: 'model_class' });
    const run = await session.execute({
      runId: 'r2',
      language: 'typescript',
      code: `JSON.stringify(model_class.predict([{ glucose: 80, bmi: 20, age: 22 }, { glucose: 190, bmi: 45, age: 50 }]))`,
    });
    expect(JSON.stringify(run.outputs)).toContain('[\\"0\\",\\"1\\"]');
  });

  it('cancel stops the search long before its budget and keeps the best model so far', async () => {
    const { jobId } = await sessionHandlers['automl.start'](session, { source: { handle }, target: 'class', budgetSeconds: 60 });
    await until(() => progressOf(jobId)[1]);
    const t0 = Date.now();
    await sessionHandlers['automl.cancel'](session, { jobId });
    expect((await doneOf(jobId)).status).toBe('cancelled');
    // The budget is 60 s: ending within a third of it means the cancel, not the budget, ended it.
    expect(Date.now() - t0).toBeLessThan(20_000);
    const report = await sessionHandlers['automl.result'](session, { jobId });
    expect(report.cancelled).toBe(true);
    expect(report.leaderboard.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses bad input with a clear message', async () => {
    await expect(sessionHandlers['automl.start'](session, { source: { handle }, target: 'nope', budgetSeconds: 2 })).rejects.toThrow(
      /Target column "nope" is not in the data/,
    );
    await expect(sessionHandlers['automl.start'](session, { source: { handle }, target: 'class', budgetSeconds: 0 })).rejects.toThrow(
      /more than 0 seconds/,
    );
    await session.execute({ runId: 'r3', language: 'sql', code: `SELECT 1 AS x, 'a' AS y`, name: 'one' });
    const { jobId } = await sessionHandlers['automl.start'](session, { source: { handle: 'one' }, target: 'y', budgetSeconds: 2 });
    const done = await doneOf(jobId);
    expect(done).toMatchObject({ status: 'error', message: expect.stringMatching(/1 row\(s\); AutoML needs at least 2/) });
    await expect(sessionHandlers['automl.result'](session, { jobId })).rejects.toThrow(/at least 2/);
  });
});
