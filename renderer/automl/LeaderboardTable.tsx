/** Finished trials, best first: each named by family, id and key parameters, with score and time. */
import type { AutomlLeaderRow } from '../../kernel/protocol/automl';
import './AutomlDialog.css';

interface Props {
  rows: AutomlLeaderRow[];
  metric: string;
  /** The validation split the scores come from, shown as the table's caption. */
  split?: string;
  /** Why the scores need care (classes scored but hardly trained on), after the split in the caption. */
  warning?: string;
  max?: number;
}

export function LeaderboardTable({ rows, metric, split, warning, max = 10 }: Props) {
  return (
    <table className="automl-leaderboard" data-testid="automl-leaderboard">
      {split && (
        <caption data-testid="automl-leaderboard-split">
          Scores on validation: {split}
          {warning && (
            <span className="automl-leaderboard-warning" data-testid="automl-leaderboard-warning">
              {' '}
              ⚠ The scores {warning}.
            </span>
          )}
        </caption>
      )}
      <thead>
        <tr>
          <th>#</th>
          <th>trial</th>
          <th className="num">{metric}</th>
          <th className="num">time</th>
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, max).map((r, i) => (
          <tr
            key={r.trial}
            data-testid="automl-leaderboard-row"
            title={Object.entries(r.params)
              .map(([k, v]) => `${k}=${typeof v === 'number' ? +v.toPrecision(3) : v}`)
              .join(', ')}
          >
            <td>{i + 1}</td>
            <td className="automl-trial">{r.label}</td>
            <td className="num">{Number.isFinite(r.score) ? r.score.toFixed(4) : '–'}</td>
            <td className="num">{r.seconds.toFixed(2)} s</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
