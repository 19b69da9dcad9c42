/**
 * What `automl.forecast` gives a cell: the forecast rows, the backtest table and the notes as plain
 * data, shown as the history-plus-forecast chart when it is a cell's value. The chart rides on a
 * non-enumerable `__silt_rich` so logging the object prints the data, not the SVG.
 */
import { forecastChart } from './forecastChart';
import type { BacktestRow, ForecastResult, ForecastRow } from './forecastTable';

export interface ForecastOutput {
  rows: ForecastRow[];
  backtest: BacktestRow[];
  period: ForecastResult['period'];
  ratioToNaive: number;
  notes: string[];
}

export function forecastOutput(r: ForecastResult): ForecastOutput {
  const out: ForecastOutput = { rows: r.rows, backtest: r.backtest, period: r.period, ratioToNaive: r.ratioToNaive, notes: r.notes };
  const chosen = r.backtest.filter((b) => b.chosen).map((b) => `${b.series}: ${b.model}`);
  const summary = `<forecast of ${r.target}, ${r.horizon} ${r.period}s; ${chosen.join(', ')}; backtest MAE ${r.ratioToNaive.toFixed(3)}× seasonal naive>`;
  Object.defineProperty(out, '__silt_rich', {
    enumerable: false,
    value: { 'image/svg+xml': forecastChart(r), 'text/plain': summary },
  });
  return out;
}
