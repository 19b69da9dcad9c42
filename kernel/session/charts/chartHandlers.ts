/** The session's answers to chart requests (spread into sessionHandlers). */
import type { ChartRequests, ChartTheme } from '../../protocol/charts';
import type { Handlers } from '../Handlers';
import { exportChart } from '../../charts/exportChart';
import { renderChart } from '../../charts/renderChart';
import { SiltError } from '../../../common/SiltError';

function theme(t: string | undefined): ChartTheme | undefined {
  if (t === undefined || t === 'light' || t === 'dark') return t;
  throw new SiltError('bad-request', `theme must be "light" or "dark", not ${JSON.stringify(t)}`);
}

export const chartHandlers: Handlers<keyof ChartRequests> = {
  'chart.render': (s, p) => renderChart(s.engine, { ...p, theme: theme(p.theme) }),
  // Relative paths are taken from the notebook's workspace.
  'chart.export': async (s, p) => exportChart({ ...p, theme: theme(p.theme) }, s.workspace || process.cwd()),
};
