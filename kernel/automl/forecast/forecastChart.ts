/**
 * History plus forecast as one standalone SVG (Observable Plot via kernel/charts): the recent
 * history as a line, the forecast dashed, and its 80 % and 95 % intervals as two bands; one facet
 * row per series. The caption names the model each series uses and its backtest error against
 * seasonal naive, so the chart alone says how far to trust it.
 */
import { loadPlot } from '../../charts/plotRuntime';
import { renderPlot } from '../../charts/renderPlot';
import type { ChartTheme } from '../../charts/chartTheme';
import type { ForecastResult } from './forecastTable';

/** Periods of history drawn before the forecast: enough to see the pattern, not so many it flattens. */
export const historyShown = (horizon: number) => Math.max(60, 4 * horizon);

export function forecastChart(r: ForecastResult, theme: ChartTheme = 'light'): string {
  const Plot = loadPlot();
  const label = (row: Record<string, unknown>) =>
    r.keys.length
      ? r.keys.map((k) => (row[k] instanceof Date ? (row[k] as Date).toISOString().slice(0, 10) : String(row[k]))).join(' / ')
      : r.target;
  const fc = r.rows.map((row) => ({ ...row, series: label(row), t: row[r.time] as Date }));
  const keep = historyShown(r.horizon);
  const bySeries = new Map<string, ForecastResult['history']>();
  for (const h of r.history) bySeries.set(h.series, [...(bySeries.get(h.series) ?? []), h]);
  const hist = [...bySeries.values()].flatMap((h) => h.slice(-keep));
  const series = [...bySeries.keys()];
  const facet = series.length > 1;
  const fy = facet ? 'series' : undefined;
  const chosen = r.backtest.filter((b) => b.chosen);
  const naive = new Map(r.backtest.filter((b) => b.model === 'seasonal_naive').map((b) => [b.series, b.mae]));
  const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));
  const shown = chosen
    .slice(0, 4)
    .map((b) => `${facet ? `${b.series}: ` : ''}${b.model} ${fmt(b.mae)} vs naive ${fmt(naive.get(b.series) ?? NaN)}`);
  const more = chosen.length > 4 ? `; ${chosen.length - 4} more series` : '';
  return renderPlot(
    {
      width: 720,
      height: (facet ? 150 * series.length : 240) + 50,
      marginLeft: 50,
      marginRight: facet ? 90 : 20,
      title: `${r.target}: next ${r.horizon} ${r.period}s`,
      subtitle: `Backtest MAE (chosen model vs seasonal naive): ${shown.join('; ')}${more}`,
      caption: 'Line: history; dashed: forecast; bands: 80 % and 95 % intervals from backtest errors.',
      x: { label: null },
      y: { label: r.target, grid: true },
      fy: facet ? { label: null } : undefined,
      marks: [
        Plot.areaY(fc, { x: 't', y1: 'lo95', y2: 'hi95', fy, fill: '#c0703a', fillOpacity: 0.12 }),
        Plot.areaY(fc, { x: 't', y1: 'lo80', y2: 'hi80', fy, fill: '#c0703a', fillOpacity: 0.35 }),
        Plot.lineY(hist, { x: 'time', y: 'value', fy, stroke: '#4a7fb5', strokeWidth: 1.2 }),
        Plot.lineY(fc, { x: 't', y: 'yhat', fy, stroke: '#c0703a', strokeWidth: 2, strokeDasharray: '5,3' }),
      ],
    },
    { theme },
  );
}
