/** Finished trials, best first: family, score and time (parameters on hover). */
import type { AutomlLeaderRow } from '../../kernel/protocol/automl';

export function LeaderboardTable({ rows, metric, max = 10 }: { rows: AutomlLeaderRow[]; metric: string; max?: number }) {
  return (
    <table className="automl-leaderboard" data-testid="automl-leaderboard">
      <thead>
        <tr>
          <th>#</th>
          <th>family</th>
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
            <td>{r.family.replace('_', ' ')}</td>
            <td className="num">{Number.isFinite(r.score) ? r.score.toFixed(4) : '–'}</td>
            <td className="num">{r.seconds.toFixed(2)} s</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
