import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTable, type AutoMLTable } from '../../../kernel/automl';
import { forecastTable, forecastOutput, type ForecastResult } from '../../../kernel/automl/forecast';
import { SiltError } from '../../../common/SiltError';
import { conformalQuantile } from '../../../kernel/automl/forecast/intervals';
import { toMillis } from '../../../kernel/automl/forecast/period';

const FIXTURE = join(__dirname, '../../fixtures/forecast/weather.csv');
const H = 14;
const DAY = 86_400_000;

/** Each city's observed days and temp_max in date order, read with a hand-written DuckDB query. */
async function observed(): Promise<Map<string, { days: number[]; y: number[] }>> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const r = await conn.runAndReadAll(
    `SELECT location, epoch_ms(date::TIMESTAMP) AS t, temp_max FROM read_csv_auto('${FIXTURE}', header = true) ORDER BY location, date`,
  );
  const out = new Map<string, { days: number[]; y: number[] }>();
  for (const [loc, t, y] of r.getRowsJS() as [string, bigint | number, number][]) {
    const s = out.get(loc) ?? { days: [], y: [] };
    s.days.push(Number(t) / DAY);
    s.y.push(Number(y));
    out.set(loc, s);
  }
  conn.closeSync();
  db.closeSync();
  return out;
}

let table: AutoMLTable;
let result: ForecastResult;
let truth: Map<string, { days: number[]; y: number[] }>;

beforeAll(async () => {
  table = await loadTable(FIXTURE);
  truth = await observed();
  result = await forecastTable(table, { time: 'date', target: 'temp_max', keys: ['location'], horizon: H });
}, 60_000);

describe('automl.forecast on daily weather (NOAA, Seattle and New York)', () => {
  it('gives horizon × series rows, keeps the keys, and continues each series day by day after its last observation', () => {
    expect(result.period).toBe('day');
    expect(result.rows).toHaveLength(H * truth.size);
    for (const [city, s] of truth) {
      const rows = result.rows.filter((r) => r.location === city);
      expect(rows).toHaveLength(H);
      const last = Math.max(...s.days);
      expect(rows.map((r) => (r.date as Date).getTime() / DAY)).toEqual(Array.from({ length: H }, (_, i) => last + 1 + i));
      for (const r of rows) expect(Number.isFinite(r.yhat)).toBe(true);
    }
  });

  it('has 80 % and 95 % intervals around each forecast that never narrow with the step and widen over the horizon', () => {
    for (const city of truth.keys()) {
      const rows = result.rows.filter((r) => r.location === city);
      for (const r of rows) {
        expect(r.lo95).toBeLessThanOrEqual(r.lo80);
        expect(r.lo80).toBeLessThan(r.yhat);
        expect(r.yhat).toBeLessThan(r.hi80);
        expect(r.hi80).toBeLessThanOrEqual(r.hi95);
      }
      const width = rows.map((r) => r.hi95 - r.lo95);
      for (let s = 1; s < H; s++) expect(width[s]).toBeGreaterThanOrEqual(width[s - 1] - 1e-9);
      expect(width[H - 1]).toBeGreaterThan(width[0]);
    }
  });

  it('scores seasonal naive as a hand computation does, and picks per city a model at least as good', () => {
    for (const [city, s] of truth) {
      const rows = result.backtest.filter((b) => b.series === city);
      const naive = rows.find((b) => b.model === 'seasonal_naive')!;
      // Seasonal naive by hand: the last 5 blocks of 14 days, each day forecast by the same weekday of
      // the last week before the block.
      const n = s.y.length;
      let abs = 0;
      for (let w = 5; w >= 1; w--) {
        const origin = n - w * H;
        for (let k = 0; k < H; k++) abs += Math.abs(s.y[origin + k] - s.y[origin - 7 + (k % 7)]);
      }
      expect(naive.windows).toBe(5);
      expect(naive.mae).toBeCloseTo(abs / (5 * H), 9);
      const chosen = rows.filter((b) => b.chosen);
      expect(chosen).toHaveLength(1);
      expect(chosen[0].mae).toBeLessThanOrEqual(Math.min(...rows.map((b) => b.mae)));
      expect(result.rows.filter((r) => r.location === city).every((r) => r.model === chosen[0].model)).toBe(true);
    }
    // On this fixture a real model beats the baseline (the bench tracks by how much).
    expect(result.ratioToNaive).toBeLessThan(1);
  });

  it('shows as a chart of history, forecast and bands, while logging the object prints only data', () => {
    const out = forecastOutput(result) as unknown as { __silt_rich: Record<string, string> };
    const svg = out.__silt_rich['image/svg+xml'];
    expect(svg).toMatch(/^<svg[\s>]/);
    expect(svg).toContain('temp_max: next 14 days');
    expect(svg).toContain('Seattle');
    expect(Object.keys(out)).not.toContain('__silt_rich');
  });
});

describe('interval quantile', () => {
  it('is the split-conformal order statistic: the ceil((m + 1) level)-th smallest, the largest past m', () => {
    const errors = [5, 3, 9, 1, 7, 2, 8, 4, 6, 10]; // 1..10 shuffled
    expect(conformalQuantile(errors, 0.8)).toBe(9); // ceil(11 × 0.8) = 9th
    expect(conformalQuantile(errors, 0.5)).toBe(6); // ceil(5.5) = 6th
    expect(conformalQuantile(errors, 0.95)).toBe(10); // ceil(10.45) = 11 > 10: the largest
  });
});

describe('calendar steps and gaps', () => {
  it('detects a monthly series, fills a missing month and forecasts the first days of the next months', async () => {
    const months = Array.from({ length: 48 }, (_, i) => i).filter((i) => i !== 20);
    const t: AutoMLTable = {
      columns: [
        { name: 'month', values: months.map((i) => new Date(Date.UTC(2020, i, 1))) },
        { name: 'sales', values: months.map((i) => 100 + i + 10 * Math.sin((2 * Math.PI * i) / 12)) },
      ],
    };
    const r = await forecastTable(t, { time: 'month', target: 'sales', horizon: 3 });
    expect(r.period).toBe('month');
    expect(r.notes.join(' ')).toMatch(/1 missing months were filled/);
    expect(r.rows.map((x) => (x.month as Date).toISOString().slice(0, 10))).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
  });

  it('detects weekly dates given as text and sums rows that fall in the same week', async () => {
    const weeks = Array.from({ length: 80 }, (_, i) => i);
    const iso = (i: number) => new Date(Date.UTC(2023, 0, 2) + i * 7 * DAY).toISOString().slice(0, 10);
    const t: AutoMLTable = {
      columns: [
        { name: 'week', values: [...weeks.map(iso), iso(79)] },
        { name: 'orders', values: [...weeks.map((i) => 50 + (i % 4)), 1000] },
      ],
    };
    const r = await forecastTable(t, { time: 'week', target: 'orders', horizon: 2 });
    expect(r.period).toBe('week');
    expect(r.history.at(-1)!.value).toBe(50 + (79 % 4) + 1000);
    expect(r.rows.map((x) => (x.week as Date).toISOString().slice(0, 10))).toEqual([iso(80), iso(81)]);
  });
});

describe('times without a zone', () => {
  it('reads them as the wall-clock time written, whatever the machine’s zone', () => {
    // In any zone east of Greenwich a local parse of these would land on the previous day and month.
    expect(new Date(toMillis('2024-03-01 00:00:00')).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(new Date(toMillis('2024-03-01T23:30')).toISOString()).toBe('2024-03-01T23:30:00.000Z');
    expect(new Date(toMillis('2024-03-01')).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    // A time with its own zone keeps it.
    expect(new Date(toMillis('2024-03-01T00:30:00+02:00')).toISOString()).toBe('2024-02-29T22:30:00.000Z');
  });
});

describe('bad input', () => {
  const expectError = async (f: () => Promise<unknown>, code: string, message: RegExp) => {
    const err = await f().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SiltError);
    expect((err as SiltError).code).toBe(code);
    expect((err as Error).message).toMatch(message);
  };

  it('names a missing time column and lists the columns there are', async () => {
    await expectError(
      () => forecastTable(table, { time: 'day', target: 'temp_max', horizon: 7 }),
      'bad-request',
      /no time column "day".*date, precipitation/,
    );
  });

  it('refuses a text target, naming the row and value', async () => {
    await expectError(
      () => forecastTable(table, { time: 'date', target: 'weather', horizon: 7 }),
      'bad-request',
      /"weather" must be numeric; row 1 holds "drizzle"/,
    );
  });

  it('says how long a series must be when it is too short', async () => {
    const t: AutoMLTable = {
      columns: [
        { name: 'd', values: Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i))) },
        { name: 'v', values: Array.from({ length: 12 }, (_, i) => i) },
      ],
    };
    await expectError(
      () => forecastTable(t, { time: 'd', target: 'v', horizon: 7 }),
      'bad-request',
      /has 12 days; forecasting 7 needs at least 17/,
    );
  });

  it('refuses a time column that holds no dates, and a step that is not a day, week or month', async () => {
    await expectError(
      () => forecastTable(table, { time: 'weather', target: 'temp_max', horizon: 7 }),
      'bad-request',
      /"weather" holds no dates/,
    );
    const hourly: AutoMLTable = {
      columns: [
        { name: 't', values: Array.from({ length: 100 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 3 * DAY)) },
        { name: 'v', values: Array.from({ length: 100 }, (_, i) => i) },
      ],
    };
    await expectError(() => forecastTable(hourly, { time: 't', target: 'v', horizon: 7 }), 'unsupported', /steps by 3 days/);
  });

  it('stops with a cancelled error when the cell is interrupted, having reported its progress', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const onProgress = (done: number) => {
      seen.push(done);
      controller.abort();
    };
    const opts = { time: 'date', target: 'temp_max', keys: ['location'], horizon: 7 };
    await expectError(() => forecastTable(table, opts, { signal: controller.signal, onProgress }), 'cancelled', /interrupted/);
    expect(seen).toEqual([0]);
  });

  it('refuses a horizon that is not a positive whole number', async () => {
    await expectError(
      () => forecastTable(table, { time: 'date', target: 'temp_max', horizon: 0 }),
      'bad-request',
      /horizon must be a whole number/,
    );
  });
});
