/**
 * A first guess at the column to predict, from names and types alone (the session's `automl.columns`
 * answer replaces it with a guess from the data): a conventionally named column, else the last column
 * that is not an identifier, a date, or an event-type / "last_*" state column.
 */
const HINT = /^(target|label|labels|class|y|outcome|churn|churned|survived|default|fraud|is_fraud|price|income|species|quality|mpg)$/i;
const LABEL_LIKE = /status|outcome|result|label|segment|category|converted|returned/i;
const NEVER = /(^|_)(id|uuid|guid)$|^id_|[a-z]Id$|event|^last_/i;
const DATE_TYPE = /date|time|interval/i;

export function guessTarget(columns: { name: string; type?: string }[]): string {
  const plausible = columns.filter((c) => !NEVER.test(c.name) && !(c.type && DATE_TYPE.test(c.type)));
  return (
    columns.find((c) => HINT.test(c.name))?.name ??
    plausible.find((c) => LABEL_LIKE.test(c.name))?.name ??
    plausible.at(-1)?.name ??
    columns.at(-1)?.name ??
    ''
  );
}
