/** The final model in words: which trials it averages, with what weights, and why. */
import { describeTrial } from './describeTrial';
import type { AutoMLRun } from './fitAutoML';

const fmt = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 1000 ? x.toFixed(1) : x.toPrecision(4)) : '–');

export interface EnsembleMember {
  trial: number;
  label: string;
  weight: number;
  /** The member's own validation score. */
  score: number;
}

export function ensembleMembers(run: AutoMLRun): EnsembleMember[] {
  return run.ensemble.map((e) => {
    const t = run.leaderboard.find((x) => x.trial === e.trial)!;
    return { trial: e.trial, label: describeTrial(t), weight: e.weight, score: t.score };
  });
}

export function explainEnsemble(run: AutoMLRun): string {
  const members = ensembleMembers(run);
  if (members.length === 1)
    return `The final model is the best single trial, ${members[0].label}: no weighted average of the best trials scored better on validation (${run.metric} ${fmt(run.validationScore)}).`;
  const list = members
    .sort((a, b) => b.weight - a.weight)
    .map((m) => `${m.label} with weight ${m.weight.toFixed(2)} (alone ${fmt(m.score)})`)
    .join('; ');
  return `The final model averages the predictions of ${members.length} trials, chosen greedily (with repeats) from the 10 best and the best two of each family so that each addition improved the validation ${run.metric}: ${list}. Together they score ${fmt(run.validationScore)}, against ${fmt(run.best.score)} for the best single trial.`;
}
