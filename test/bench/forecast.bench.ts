/**
 * Forecasting (issue #17) on the shipped public daily series (NOAA daily maximum temperature,
 * Seattle and New York, 2012–2015, test/fixtures/forecast): mean absolute error of the forecaster
 * Silt chooses per series, as a ratio to seasonal naive's (lower is better; 1.00 = no better than
 * the baseline).
 * - "backtest": the rolling-origin windows the choice is made on (optimistic, since they also chose).
 * - "holdout": the last 4 blocks of the horizon are never seen by the choice; each block is forecast
 *   from everything before it, chosen model against seasonal naive on the same days, and how many
 *   actual values fell inside the 80 % and 95 % intervals (calibration: near 80 and 95 is right).
 */
import { join } from 'node:path';
import { loadTable, type AutoMLTable } from '../../kernel/automl';
import { forecastTable } from '../../kernel/automl/forecast';
import { takeRows } from '../../kernel/automl/table';

const DAY = 86_400_000;

export async function run({ root }: { root: string }): Promise<string[]> {
  const table = await loadTable(join(root, 'test/fixtures/forecast/weather.csv'));
  const dates = table.columns.find((c) => c.name === 'date')!.values as Date[];
  const temps = table.columns.find((c) => c.name === 'temp_max')!.values as Float64Array;
  const cities = table.columns.find((c) => c.name === 'location')!.values as string[];
  const last = Math.max(...dates.map((d) => d.getTime()));
  const lines: string[] = [];
  const opts = { time: 'date', target: 'temp_max', keys: ['location'] };

  for (const horizon of [7, 14, 28]) {
    const t0 = performance.now();
    const r = await forecastTable(table, { ...opts, horizon });
    const chosen = r.backtest.filter((b) => b.chosen).map((b) => `${b.series} ${b.model}`);
    lines.push(
      `horizon ${String(horizon).padStart(2)}: backtest MAE ${r.ratioToNaive.toFixed(3)}× seasonal naive (${chosen.join(', ')}; ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
  }

  const horizon = 14,
    blocks = 4;
  let chosenAbs = 0,
    naiveAbs = 0,
    in80 = 0,
    in95 = 0,
    count = 0;
  for (let b = blocks; b >= 1; b--) {
    const origin = last - b * horizon * DAY; // the last day the forecaster sees
    const before = (t: AutoMLTable) =>
      takeRows(
        t,
        dates.flatMap((d, i) => (d.getTime() <= origin ? [i] : [])),
      );
    const r = await forecastTable(before(table), { ...opts, horizon });
    for (const row of r.rows) {
      const day = (row.date as Date).getTime();
      const actual = at(day, row.location as string);
      const naive = at(origin - 6 * DAY + (((day - origin) / DAY - 1) % 7) * DAY, row.location as string);
      chosenAbs += Math.abs(actual - row.yhat);
      naiveAbs += Math.abs(actual - naive);
      in80 += Number(actual >= row.lo80 && actual <= row.hi80);
      in95 += Number(actual >= row.lo95 && actual <= row.hi95);
      count++;
    }
  }
  lines.push(
    `holdout (last ${blocks}×${horizon} days, unseen by the choice): MAE ${(chosenAbs / naiveAbs).toFixed(3)}× seasonal naive; ` +
      `interval coverage ${((100 * in80) / count).toFixed(0)} % (80 % band), ${((100 * in95) / count).toFixed(0)} % (95 % band) of ${count} days`,
  );
  return lines;

  function at(day: number, city: string): number {
    const i = dates.findIndex((d, j) => d.getTime() === day && cities[j] === city);
    if (i < 0) throw new Error(`no ${city} row on ${new Date(day).toISOString()}`);
    return temps[i];
  }
}
