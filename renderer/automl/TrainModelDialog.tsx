/**
 * "Train a baseline model…": pick the target, task, metric, time budget, the feature columns (the
 * checks' flags start unchecked, with their reasons) and the time column for the split; watch the
 * search's progress and live leaderboard (and stop it early); then read the report and act on the model.
 */
import { useState } from 'react';
import { choiceToLists, ColumnChoiceList } from './ColumnChoiceList';
import { useAutomlColumns } from './useAutomlColumns';
import { TimeSplitField, timeColumnParam } from './TimeSplitField';
import type { AutomlSource, AutomlTask } from '../../kernel/protocol/automl';
import { Dialog } from '../panels/Dialog';
import { AutomlReportView } from './AutomlReportView';
import { formatScore as fmt } from './formatScore';
import { guessTarget } from './guessTarget';
import { LeaderboardTable } from './LeaderboardTable';
import { useAutomlJob, type AutomlProgressEvent } from './useAutomlJob';

interface Props {
  source: AutomlSource;
  columns: { name: string; type: string }[];
  /** Generated cells go after this cell (after the selected one when null). */
  afterCellId: string | null;
  onClose(): void;
}

const METRICS: Record<string, string> = {
  auto: 'the task’s default',
  roc_auc: 'ROC AUC (binary)',
  log_loss: 'log loss (multiclass)',
  rmse: 'RMSE (regression)',
};

export function TrainModelDialog({ source, columns, afterCellId, onClose }: Props) {
  const { state, start, cancel } = useAutomlJob();
  const [target, setTarget] = useState(() => guessTarget(columns));
  // Until the user picks a target, the session guesses one from the data (a label or a measure).
  const [picked, setPicked] = useState(false);
  const checks = useAutomlColumns(source, picked ? target : undefined);
  const ready = checks.phase === 'ready' ? checks.data : null;
  const shownTarget = !picked && ready ? ready.target : target;
  const [choice, setChoice] = useState<Record<string, boolean>>({});
  const [chosenTime, setTimeChoice] = useState<string>('auto');
  // A column chosen for an earlier target, or not among the new checks' time columns, is not what the
  // field can show: fall back to the guess, so what is shown is what is sent.
  const timeChoice = chosenTime === 'auto' || chosenTime === '' || (ready?.timeColumns ?? []).includes(chosenTime) ? chosenTime : 'auto';
  const [task, setTask] = useState<AutomlTask | 'auto'>('auto');
  const [metric, setMetric] = useState('auto');
  const [budget, setBudget] = useState('30');
  const budgetSeconds = Number(budget);
  const valid = Boolean(shownTarget) && budgetSeconds > 0 && checks.phase !== 'loading';
  const title = 'Train a baseline model';

  if (state.phase === 'running') {
    return (
      <Dialog
        title={`${title}: ${shownTarget}`}
        testId="automl-dialog"
        cancelLabel={state.stopping ? 'Stopping…' : 'Stop'}
        onCancel={cancel}
        wide
      >
        <Running target={shownTarget} progress={state.progress} budgetSeconds={budgetSeconds} />
      </Dialog>
    );
  }
  if (state.phase === 'done') {
    return (
      <Dialog title={`${title}: ${state.report.target}`} testId="automl-dialog" cancelLabel="Close" onCancel={onClose} wide>
        <AutomlReportView
          jobId={state.jobId}
          report={state.report}
          afterCellId={afterCellId}
          handle={'handle' in source ? source.handle : undefined}
          onInserted={onClose}
        />
      </Dialog>
    );
  }
  return (
    <Dialog
      title={title}
      testId="automl-dialog"
      okLabel="Train"
      okDisabled={!valid}
      onOk={() => {
        const lists = ready ? choiceToLists(ready.columns, choice) : { exclude: [], include: [] };
        const timeColumn = timeColumnParam(timeChoice, ready?.timeColumn ?? null);
        start({
          source,
          target: shownTarget,
          budgetSeconds,
          ...(task !== 'auto' ? { task } : {}),
          ...(metric !== 'auto' ? { metric } : {}),
          ...(lists.exclude.length ? { exclude: lists.exclude } : {}),
          ...(lists.include.length ? { include: lists.include } : {}),
          ...(timeColumn !== undefined ? { timeColumn } : {}),
        });
      }}
      onCancel={onClose}
      wide
    >
      <div className="automl-source">
        Training on {'table' in source ? <code>{source.table}</code> : 'this result'} ({columns.length} columns). The search tries linear
        models, trees, boosting, forests and a small neural network within the budget. Columns that leak the answer or identify rows are
        left out unless you check them.
      </div>
      <div className="automl-form">
        <label className="field">
          <span>Target (the column to predict)</span>
          <select
            data-testid="automl-target"
            value={shownTarget}
            onChange={(e) => {
              setTarget(e.target.value);
              setPicked(true);
              setChoice({});
            }}
          >
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} · {c.type}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Task</span>
          <select data-testid="automl-task" value={task} onChange={(e) => setTask(e.target.value as AutomlTask | 'auto')}>
            <option value="auto">auto (from the target)</option>
            <option value="binary">binary classification</option>
            <option value="multiclass">multiclass classification</option>
            <option value="regression">regression</option>
          </select>
        </label>
        <label className="field">
          <span>Metric</span>
          <select data-testid="automl-metric" value={metric} onChange={(e) => setMetric(e.target.value)}>
            {Object.entries(METRICS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Time budget (seconds)</span>
          <input data-testid="automl-budget" type="number" min={1} value={budget} onChange={(e) => setBudget(e.target.value)} />
        </label>
        <TimeSplitField
          columns={ready?.timeColumns ?? []}
          guessed={ready?.timeColumn ?? null}
          value={timeChoice}
          onChange={setTimeChoice}
        />
      </div>
      {checks.phase === 'loading' && <div className="automl-note">Checking the columns for leaks and identifiers…</div>}
      {checks.phase === 'error' && (
        <div className="dialog-error" data-testid="automl-columns-error">
          {checks.message}
        </div>
      )}
      {ready && (
        <ColumnChoiceList columns={ready.columns} choice={choice} onChange={(name, use) => setChoice((c) => ({ ...c, [name]: use }))} />
      )}
      {state.error && (
        <div className="dialog-error" data-testid="automl-error">
          {state.error}
        </div>
      )}
    </Dialog>
  );
}

function Running({ target, progress, budgetSeconds }: { target: string; progress: AutomlProgressEvent | null; budgetSeconds: number }) {
  const fraction = progress ? Math.min(1, progress.elapsedMs / progress.budgetMs) : 0;
  const left = progress ? Math.max(0, Math.round((progress.budgetMs - progress.elapsedMs) / 1000)) : budgetSeconds;
  return (
    <div className="automl-running" data-testid="automl-running">
      <div className="automl-status">
        {progress
          ? `Trial ${progress.trial}: ${progress.label ?? progress.family}, ${progress.metric} ${fmt(progress.score)} · best ${fmt(progress.bestScore)} · about ${left} s left`
          : `Preparing the data and starting the search for ${target}…`}
      </div>
      <div className="automl-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <div className="automl-progress-bar" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      {progress && <LeaderboardTable rows={progress.leaderboard} metric={progress.metric} split={progress.split} />}
    </div>
  );
}
