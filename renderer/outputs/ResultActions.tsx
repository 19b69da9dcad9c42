/**
 * The actions on a live table result (one the session still holds): each is a button in the grid's
 * header that opens its own dialog. A feature adds itself to RESULT_ACTIONS.
 */
import { useState, type ComponentType } from 'react';
import type { TableOutput } from '../../kernel/protocol/notebook';
import { TrainFromResult } from '../automl/TrainFromResult';
import { ChartBuilder } from '../charts/ChartBuilder';
import { ExportDialog } from '../export/ExportDialog';
import { PublishDialog } from '../export/PublishDialog';

export interface ResultActionProps {
  output: TableOutput & { handle: string };
  /** The cell that produced the result. */
  cellId: string;
  onClose(): void;
}

export interface ResultAction {
  id: string;
  label: string;
  title: string;
  Dialog: ComponentType<ResultActionProps>;
}

const RESULT_ACTIONS: ResultAction[] = [
  { id: 'automl', label: 'Train a baseline model…', title: 'Search for a model that predicts one column from the others (AutoML)', Dialog: TrainFromResult },
  { id: 'chart', label: 'Chart…', title: 'Draw this result as a chart, then insert it as a cell or copy its code', Dialog: ChartBuilder },
  { id: 'export', label: 'Export…', title: 'Save this result as CSV, Parquet, Arrow, JSON lines or Excel', Dialog: ExportDialog },
  { id: 'publish', label: 'Publish…', title: 'Publish this result as a Delta Sharing table for Power BI, Tableau and other tools', Dialog: PublishDialog },
];

export function ResultActions({ output, cellId }: { output: TableOutput; cellId: string }) {
  const [open, setOpen] = useState<string | null>(null);
  const handle = output.handle;
  if (!handle || RESULT_ACTIONS.length === 0) return null;
  const action = RESULT_ACTIONS.find((a) => a.id === open);
  return (
    <span className="result-actions">
      {RESULT_ACTIONS.map((a) => (
        <button key={a.id} className="btn btn-ghost btn-small" data-testid={`result-action-${a.id}`} title={a.title} onClick={() => setOpen(a.id)}>
          {a.label}
        </button>
      ))}
      {action && <action.Dialog output={{ ...output, handle }} cellId={cellId} onClose={() => setOpen(null)} />}
    </span>
  );
}
