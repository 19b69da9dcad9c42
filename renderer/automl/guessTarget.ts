/** A first guess at the column to predict: a conventionally named one, else the last column. */
const HINT = /^(target|label|labels|class|y|outcome|churn|churned|survived|default|fraud|is_fraud|price|income|species|quality|mpg)$/i;

export function guessTarget(columns: { name: string }[]): string {
  return columns.find((c) => HINT.test(c.name))?.name ?? columns.at(-1)?.name ?? '';
}
