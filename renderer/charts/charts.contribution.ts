/** Charts' contribution to the app: "Chart…" on every live table result. */
import { registerResultAction } from '../outputs/resultActionRegistry';
import { ChartBuilder } from './ChartBuilder';

registerResultAction({
  id: 'chart',
  label: 'Chart…',
  title: 'Draw this result as a chart, then insert it as a cell or copy its code',
  order: 20,
  rank: 90,
  Dialog: ChartBuilder,
});
