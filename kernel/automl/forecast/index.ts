/** Forecasting: `automl.forecast` and the parts a benchmark or test reaches directly. */
export {
  forecastTable,
  type ForecastOptions,
  type ForecastHooks,
  type ForecastResult,
  type ForecastRow,
  type BacktestRow,
} from './forecastTable';
export { forecastChart } from './forecastChart';
export { forecastOutput, type ForecastOutput } from './forecastOutput';
