/**
 * A trial in words for the leaderboard and the report: its family and the parameters that matter
 * for it, e.g. "gradient boosting · lr 0.1, depth 6, 31 leaves".
 */
import type { Family, Params } from './estimators';

export const FAMILY_NAMES: Record<Family, string> = {
  baseline: 'baseline',
  linear: 'linear model',
  decision_tree: 'decision tree',
  gbdt: 'gradient boosting',
  random_forest: 'random forest',
  extra_trees: 'extra trees',
  mlp: 'neural network',
};

const num = (x: unknown) => (typeof x === 'number' ? String(+x.toPrecision(2)) : String(x));
const share = (x: unknown) => (typeof x === 'number' ? `${Math.round(x * 100)} %` : String(x));

/** The parameters that tell two trials of a family apart, in words. */
export function describeParams(family: Family, p: Params): string {
  const parts: string[] = [];
  const add = (cond: unknown, text: string) => cond !== undefined && cond !== false && parts.push(text);
  switch (family) {
    case 'baseline':
      return 'class frequencies or the mean';
    case 'linear':
      add(p.strength, `strength ${num(p.strength)}`);
      break;
    case 'decision_tree':
      add(p.maxDepth, `depth ${p.maxDepth}`);
      add(p.minLeaf, `min leaf ${p.minLeaf}`);
      break;
    case 'gbdt':
      add(p.learningRate, `lr ${num(p.learningRate)}`);
      add(p.maxDepth, `depth ${p.maxDepth}`);
      add(p.maxLeaves, `${p.maxLeaves} leaves`);
      add(p.rounds, `${p.rounds} rounds`);
      add(p.subsample !== undefined && p.subsample !== 1, `rows ${share(p.subsample)}`);
      add(p.colsample !== undefined && p.colsample !== 1, `columns ${share(p.colsample)}`);
      add(p.minChildWeight !== undefined && p.minChildWeight !== 1, `min child ${num(p.minChildWeight)}`);
      add(p.lambda !== undefined && p.lambda !== 1, `λ ${num(p.lambda)}`);
      add(p.gamma ? true : undefined, `γ ${num(p.gamma)}`);
      break;
    case 'random_forest':
    case 'extra_trees':
      add(p.trees, `${p.trees} trees`);
      add(p.maxFeatures, `features ${share(p.maxFeatures)}`);
      add(p.minLeaf, `min leaf ${p.minLeaf}`);
      break;
    case 'mlp':
      add(p.width, `${p.layers ?? 2}×${p.width} units`);
      add(p.learningRate, `lr ${num(p.learningRate)}`);
      add(p.l2, `l2 ${num(p.l2)}`);
      break;
  }
  add(p.balanced, 'balanced classes');
  return parts.join(', ');
}

/** "gradient boosting #12 · lr 0.1, depth 6". */
export function describeTrial(t: { trial: number; family: Family; params: Params }): string {
  const params = describeParams(t.family, t.params);
  return `${FAMILY_NAMES[t.family]} #${t.trial}${params ? ` · ${params}` : ''}`;
}
