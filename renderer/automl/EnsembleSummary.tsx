/** The final model in the report: the single best trial, or the trials it averages with their weights. */
import type { AutomlReport } from '../../kernel/protocol/automl';
import { formatScore as fmt } from './formatScore';
import './AutomlDialog.css';

export function EnsembleSummary({ report: r }: { report: AutomlReport }) {
  if (r.ensemble.length <= 1)
    return (
      <p className="automl-ensemble" data-testid="automl-ensemble">
        {r.ensembleText}
      </p>
    );
  return (
    <div className="automl-ensemble" data-testid="automl-ensemble" title={r.ensembleText}>
      Final model: a weighted average of {r.ensemble.length} trials, picked greedily from the 10 best and the best two of each family on the
      validation predictions ({r.metric} {fmt(r.validationScore)} together):
      <ul className="automl-flagged">
        {[...r.ensemble]
          .sort((a, b) => b.weight - a.weight)
          .map((m) => (
            <li key={m.trial}>
              <b>{m.weight.toFixed(2)}</b> × {m.label} <span className="automl-note">(alone {fmt(m.score)})</span>
            </li>
          ))}
      </ul>
    </div>
  );
}
