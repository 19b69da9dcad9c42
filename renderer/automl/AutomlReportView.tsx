/**
 * The finished job's report: summary, metrics, charts and leaderboard, with what to do next: insert
 * the reproducing notebook cells, keep the model as a session variable, export the model or report.
 */
import { useState } from 'react';
import type { AutomlReport } from '../../kernel/protocol/automl';
import { useNotebookActions } from '../notebook/NotebookContext';
import { LeaderboardTable } from './LeaderboardTable';
import { EnsembleSummary } from './EnsembleSummary';
import { ChartImage } from '../charts/ChartImage';
import { formatScore as fmt } from './formatScore';
import { useTheme } from '../theme';

interface Props {
  jobId: string;
  report: AutomlReport;
  afterCellId: string | null;
  /** The result trained on, when it was a result grid (not a catalog table). */
  handle?: string;
  onInserted(): void;
}

export function AutomlReportView({ jobId, report: r, afterCellId, handle, onInserted }: Props) {
  const { client, sessionId, insertCells, nameResult, report } = useNotebookActions();
  const theme = useTheme();
  const [modelPath, setModelPath] = useState(`models/${r.variable}.json`);
  const [reportPath, setReportPath] = useState(`models/${r.variable}_report.html`);
  const flagged = r.dropped.filter((d) => d.flag);
  const others = r.dropped.filter((d) => !d.flag);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);

  const act = (what: string, call: (sid: string) => Promise<string>) => {
    const sid = sessionId();
    if (!sid) return setMessage({ text: 'No session is running.', error: true });
    call(sid).then(
      (text) => setMessage({ text }),
      (e: Error) => setMessage({ text: `${what}: ${e.message}`, error: true }),
    );
  };
  // The cells read the result by name (naming an unnamed SQL result), so they run after a restart too.
  const insert = async () => {
    try {
      const name = handle && afterCellId ? await nameResult(afterCellId, handle) : null;
      const sid = sessionId();
      const cells = name && sid ? (await client.request('automl.notebook', { sessionId: sid, jobId, table: name })).cells : r.cells;
      insertCells(
        afterCellId,
        cells.map((c) =>
          c.language === 'markdown' ? { type: 'markdown', source: c.source } : { type: 'code', language: 'typescript', source: c.source },
        ),
        false,
      );
      onInserted();
    } catch (e) {
      report('Could not insert the notebook cells', e as Error);
    }
  };

  return (
    <div className="automl-report" data-testid="automl-report">
      <p className="automl-summary">
        {r.cancelled && <strong>Stopped early. </strong>}
        <b>{r.task}</b> on {r.rows.toLocaleString()} rows, {r.leaderboard.length} trials in {r.trainSeconds.toFixed(1)} s
        {r.parallelTrials > 1 ? ` (${r.parallelTrials} at a time)` : ''}, <span data-testid="automl-report-split">{r.split.text}</span>.
        Validation {r.metric} of the final model: <b data-testid="automl-score">{fmt(r.validationScore)}</b>{' '}
        <span data-testid="automl-score-reading">({r.notes.reading})</span>.
      </p>
      {r.notes.split && (
        <p className="automl-note" data-testid="automl-split-note">
          {r.notes.split}
        </p>
      )}
      {r.warnings.length > 0 && (
        <div className="automl-warnings" role="alert" data-testid="automl-warnings">
          <strong>Read the scores with care</strong>
          <ul>
            {r.warnings.map((w) => (
              <li key={w.text}>{w.text}</li>
            ))}
          </ul>
        </div>
      )}
      <EnsembleSummary report={r} />
      {flagged.length > 0 && (
        <div className="automl-note" data-testid="automl-flagged">
          Left out by the checks (include them back in the column list if they are known before the outcome):
          <ul className="automl-flagged">
            {flagged.map((d) => (
              <li key={d.column}>
                <code>{d.column}</code>: {d.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="automl-actions">
        <button
          className="btn btn-primary"
          data-testid="automl-insert"
          title="Adds cells below the result that reproduce this run step by step: they read the data by the result's name (naming it when it has none), so they run again after a restart"
          onClick={() => void insert()}
        >
          Insert as notebook cells
        </button>
        <button
          className="btn"
          data-testid="automl-add-to-session"
          title={`Define ${r.variable} in the session, so the next cell can call ${r.variable}.predict(df)`}
          onClick={() =>
            act('Add to session', (sid) =>
              client
                .request('automl.addToSession', { sessionId: sid, jobId })
                .then(({ name }) => `${name} is defined: try ${name}.predict(rows) in a TypeScript cell.`),
            )
          }
        >
          Add model to session
        </button>
      </div>
      <div className="automl-export">
        <label className="field">
          <span>Model file (JSON; relative paths are in the workspace)</span>
          <input data-testid="automl-export-path" value={modelPath} spellCheck={false} onChange={(e) => setModelPath(e.target.value)} />
        </label>
        <button
          className="btn"
          data-testid="automl-export-model"
          disabled={!modelPath.trim()}
          onClick={() =>
            act('Export model', (sid) =>
              client
                .request('automl.exportModel', { sessionId: sid, jobId, path: modelPath.trim() })
                .then((x) => `Model written to ${x.path}`),
            )
          }
        >
          Export model
        </button>
      </div>
      <div className="automl-export">
        <label className="field">
          <span>Report file (HTML)</span>
          <input data-testid="automl-report-path" value={reportPath} spellCheck={false} onChange={(e) => setReportPath(e.target.value)} />
        </label>
        <button
          className="btn"
          data-testid="automl-export-report"
          disabled={!reportPath.trim()}
          onClick={() =>
            act('Export report', (sid) =>
              client
                .request('automl.exportReport', { sessionId: sid, jobId, path: reportPath.trim(), theme })
                .then((x) => `Report written to ${x.path}`),
            )
          }
        >
          Export report
        </button>
      </div>
      {message && (
        <div className={message.error ? 'dialog-error' : 'automl-note'} data-testid="automl-message">
          {message.text}
        </div>
      )}
      <table className="automl-metrics">
        <thead>
          <tr>
            <th>metric</th>
            <th className="num">train</th>
            <th className="num">validation</th>
          </tr>
        </thead>
        <tbody>
          {r.metrics.map((m) => (
            <tr key={m.name}>
              <td>{m.name}</td>
              <td className="num">{m.train === undefined ? '–' : fmt(m.train)}</td>
              <td className="num">{m.validation === undefined ? '–' : fmt(m.validation)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="automl-note" data-testid="automl-metrics-note">
        {r.notes.metrics}
      </p>
      <div className="automl-charts">
        {r.charts.map((c) => (
          <figure key={c.title} data-testid="automl-chart">
            <figcaption>{c.title}</figcaption>
            <ChartImage alt={c.title} svg={c.svg} />
            {c.note && <p className="automl-note automl-chart-note">{c.note}</p>}
          </figure>
        ))}
      </div>
      <h4>Leaderboard</h4>
      <LeaderboardTable
        rows={r.leaderboard}
        metric={r.metric}
        split={r.split.text}
        warning={r.notes.leaderboard ? `${r.notes.leaderboard} (see the warning above)` : undefined}
        max={50}
      />
      {others.length > 0 && <p className="automl-note">Also not used: {others.map((d) => `${d.column} (${d.reason})`).join('; ')}.</p>}
    </div>
  );
}
