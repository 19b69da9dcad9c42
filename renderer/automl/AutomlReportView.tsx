/**
 * The finished job's report: summary, metrics, charts and leaderboard, with what to do next: insert
 * the reproducing notebook cells, keep the model as a session variable, export the model or report.
 */
import { useState } from 'react';
import type { AutomlReport } from '../../kernel/protocol/automl';
import { useNotebookActions } from '../notebook/NotebookContext';
import { LeaderboardTable } from './LeaderboardTable';
import { ChartImage } from '../charts/ChartImage';
import { formatScore as fmt } from './formatScore';

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
  const [path, setPath] = useState(`models/${r.variable}.json`);
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
      report('Could not insert the notebook', e as Error);
    }
  };

  return (
    <div className="automl-report" data-testid="automl-report">
      <p className="automl-summary">
        {r.cancelled && <strong>Stopped early. </strong>}
        <b>{r.task}</b> on {r.rows.toLocaleString()} rows, {r.leaderboard.length} trials in {r.trainSeconds.toFixed(1)} s
        {r.parallelTrials > 1 ? ` (${r.parallelTrials} at a time)` : ''}, validated by{' '}
        {r.validation === 'cv' ? '5-fold cross-validation' : 'an 80/20 holdout'}. Best model: <b>{r.model}</b>, validation {r.metric}{' '}
        <b data-testid="automl-score">{fmt(r.validationScore)}</b>.
      </p>
      <div className="automl-actions">
        <button
          className="btn btn-primary"
          data-testid="automl-insert"
          title="Insert cells that reproduce the best model step by step"
          onClick={() => void insert()}
        >
          Insert notebook
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
          <span>Export to (relative paths are in the workspace)</span>
          <input data-testid="automl-export-path" value={path} spellCheck={false} onChange={(e) => setPath(e.target.value)} />
        </label>
        <button
          className="btn"
          data-testid="automl-export-model"
          disabled={!path.trim()}
          onClick={() =>
            act('Export model', (sid) =>
              client.request('automl.exportModel', { sessionId: sid, jobId, path: path.trim() }).then((x) => `Model written to ${x.path}`),
            )
          }
        >
          Export model
        </button>
        <button
          className="btn"
          data-testid="automl-export-report"
          disabled={!path.trim()}
          onClick={() =>
            act('Export report', (sid) =>
              client
                .request('automl.exportReport', { sessionId: sid, jobId, path: path.trim().replace(/(\.json)?$/, '.html') })
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
      <div className="automl-charts">
        {r.charts.map((c) => (
          <figure key={c.title} data-testid="automl-chart">
            <figcaption>{c.title}</figcaption>
            <ChartImage alt={c.title} svg={c.svg} />
          </figure>
        ))}
      </div>
      <h4>Leaderboard</h4>
      <LeaderboardTable rows={r.leaderboard} metric={r.metric} max={50} />
      {r.dropped.length > 0 && <p className="automl-note">Not used: {r.dropped.map((d) => `${d.column} (${d.reason})`).join('; ')}.</p>}
    </div>
  );
}
