/**
 * `automl.forecast` in a TypeScript cell of a real session: a SQL result by name as the source, the
 * history-plus-forecast chart as the cell's output, the rows for further use, and a bad option as a
 * clear error in the cell (the session goes on).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../../kernel/protocol';
import { Session } from '../../../kernel/session/Session';

const FIXTURE = join(__dirname, '../../fixtures/forecast/weather.csv');
const dir = mkdtempSync(join(tmpdir(), 'silt-forecast-'));
let session: Session;
let runs = 0;

const run = (language: 'sql' | 'typescript', code: string, name?: string) =>
  session.execute({ runId: `r${++runs}`, cellId: `c${runs}`, language, code, ...(name ? { name } : {}) });

beforeAll(async () => {
  session = await Session.create({ workspace: dir, emit: () => {}, notify: () => {}, profiles: [] });
  const r = await run('sql', `SELECT location, date, temp_max FROM read_csv_auto('${FIXTURE}', header = true)`, 'weather');
  expect(r.status).toBe('ok');
}, 60_000);
afterAll(async () => {
  await session?.engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('automl.forecast in a cell', () => {
  it('shows the chart of history, forecast and intervals as the cell output', async () => {
    const r = await run(
      'typescript',
      `await automl.forecast('weather', { time: 'date', target: 'temp_max', keys: ['location'], horizon: 7 })`,
    );
    expect(r.status).toBe('ok');
    const rich = r.outputs.find((o): o is Extract<Output, { kind: 'rich' }> => o.kind === 'rich')!;
    expect(rich.data['image/svg+xml']).toContain('temp_max: next 7 days');
    expect(rich.data['text/plain']).toMatch(
      /^<forecast of temp_max, 7 days; New York: \w+, Seattle: \w+; backtest MAE 0\.\d+× seasonal naive>$/,
    );
  }, 60_000);

  it('returns the forecast rows, which show as a table', async () => {
    const r = await run(
      'typescript',
      `const fc = await automl.forecast('weather', { time: 'date', target: 'temp_max', keys: ['location'], horizon: 7 })
fc.rows`,
    );
    expect(r.status).toBe('ok');
    const table = r.outputs.find((o): o is Extract<Output, { kind: 'table' }> => o.kind === 'table')!;
    expect(table.rowCount).toBe(14);
    expect(table.columns.map((c) => c.name)).toEqual(['date', 'location', 'yhat', 'lo80', 'hi80', 'lo95', 'hi95', 'model']);
    expect(table.rows[0].slice(0, 2)).toEqual(['2016-01-01T00:00:00.000Z', 'New York']);
  }, 60_000);

  it('forecasts a DECIMAL measure read into a DataFrame (money, as the demo share revenue_eur)', async () => {
    const r = await run(
      'typescript',
      `const sales = await sql\`SELECT location, date, CAST(temp_max AS DECIMAL(10,2)) AS revenue_eur FROM weather\`
await automl.forecast(sales, { time: 'date', target: 'revenue_eur', keys: ['location'], horizon: 7 })`,
    );
    expect(r.status, JSON.stringify(r.outputs).slice(0, 300)).toBe('ok');
    const rich = r.outputs.find((o): o is Extract<Output, { kind: 'rich' }> => o.kind === 'rich')!;
    expect(rich.data['image/svg+xml']).toContain('revenue_eur: next 7 days');
  }, 60_000);

  it('reports a missing column as an error of the cell, and the session keeps working', async () => {
    const r = await run('typescript', `await automl.forecast('weather', { time: 'day', target: 'temp_max', horizon: 7 })`);
    expect(r.status).toBe('error');
    const err = r.outputs.find((o): o is Extract<Output, { kind: 'error' }> => o.kind === 'error')!;
    expect(err.message).toMatch(/no time column "day" in the table \(its columns: location, date, temp_max\)/);
    expect((await run('sql', 'SELECT count(*) AS n FROM weather')).status).toBe('ok');
  }, 60_000);
});
