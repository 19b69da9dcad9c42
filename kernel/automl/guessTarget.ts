/**
 * The column an analyst most likely wants to predict, from the data: a conventionally named label,
 * else a low-cardinality category or a numeric measure. Identifiers, dates, free text and event-type
 * or "last_*" state columns are never guessed (they describe the row, or leak its outcome).
 */
import { isIdLikeName } from './leakage';
import { profileColumn, type ColumnProfile } from './profile';
import type { AutoMLTable, AutoMLValue } from './table';

const CONVENTIONAL =
  /^(target|label|labels|class|y|outcome|churn|churned|survived|default|fraud|is_fraud|price|income|species|quality|mpg)$/i;
const LABEL_LIKE = /status|outcome|result|churn|label|class|segment|category|converted|returned|cancel|fraud|default|grade|rating/i;
const MEASURE_LIKE = /amount|price|revenue|sales|value|total|cost|spend|income|profit|quantity|qty|score|duration/i;
const NEVER = /event|^last_|_type_?id$/i;

export function plausibilityOf(c: ColumnProfile): number {
  if (c.kind === 'id' || c.kind === 'datetime' || c.kind === 'text' || c.kind === 'constant' || c.kind === 'empty') return -1;
  if (isIdLikeName(c.name) || NEVER.test(c.name)) return -1;
  // A bare "y" is as often a coordinate (diamonds' y, x, z) as the label: any other conventional name beats it.
  if (CONVENTIONAL.test(c.name)) return c.name.toLowerCase() === 'y' ? 90 : 100;
  const lowCardinality = c.distinct >= 2 && c.distinct <= 10;
  if (LABEL_LIKE.test(c.name) && lowCardinality) return 60;
  if (MEASURE_LIKE.test(c.name) && (c.kind === 'numeric' || c.kind === 'numeric-string')) return 40;
  if ((c.kind === 'categorical' || c.kind === 'boolean') && lowCardinality) return c.distinct === 2 ? 30 : 25;
  // A category with a few dozen values (letters, product lines) is a plausible multiclass label.
  if (c.kind === 'categorical' && c.distinct <= 50) return 15;
  if (c.kind === 'numeric' && c.distinct > 10) return 10;
  return 0;
}

/** The most plausible target; later columns win ties (tables often end with the outcome). */
export function guessTargetColumn(table: AutoMLTable, rows?: ArrayLike<number>): string {
  const n = table.columns[0]?.values.length ?? 0;
  const sample = rows ?? Array.from({ length: Math.min(n, 5000) }, (_, i) => i);
  let best = '',
    bestScore = -Infinity;
  for (const c of table.columns) {
    const score = plausibilityOf(profileColumn(c.name, c.values as ArrayLike<AutoMLValue>, sample));
    if (score >= bestScore && score >= 0) {
      best = c.name;
      bestScore = score;
    }
  }
  return best || (table.columns.at(-1)?.name ?? '');
}
