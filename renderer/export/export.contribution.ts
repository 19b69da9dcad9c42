/** Export's contribution to the app: "Export…" (to a file) and "Publish…" (as a Delta Sharing table). */
import { registerResultAction } from '../outputs/resultActionRegistry';
import { ExportDialog } from './ExportDialog';
import { PublishDialog } from './PublishDialog';

registerResultAction({
  id: 'export',
  label: 'Export…',
  title: 'Save this result as CSV, Parquet, Arrow, JSON lines or Excel',
  order: 30,
  rank: 80,
  Dialog: ExportDialog,
});

registerResultAction({
  id: 'publish',
  label: 'Publish…',
  title: 'Publish this result as a Delta Sharing table for Power BI, Tableau and other tools',
  order: 40,
  rank: 20,
  Dialog: PublishDialog,
});
