/**
 * The SQL an expectation check runs, built from already-resolved pieces (the target and conditions
 * with shared table names replaced by their views). Pure: tested against hand-written queries.
 *
 * A row fails a rule only when its condition is FALSE. A NULL condition passes: Databricks defines an
 * expectation's failure as "the boolean returns false", and SQL CHECK constraints treat UNKNOWN the
 * same way. A rule that must reject NULLs says so (`x IS NOT NULL AND x > 0`). `IS FALSE` / `IS NOT
 * FALSE` are never NULL, so for DROP ROW the kept and quarantined rows always add up to the input.
 */
import { quoteIdent, quoteLiteral } from '../../common/sqlQuote';

/** How many failing rows per rule a cell shows. */
export const SAMPLE_ROWS = 5;

/** One scan: `checked` and one `f<i>` column per rule counting the rows where its condition is FALSE. */
export function countSql(source: string, conditions: string[]): string {
  const failed = conditions.map((c, i) => `count(*) FILTER (WHERE (${c}) IS FALSE) AS f${i}`);
  return `SELECT count(*) AS checked${failed.map((f) => `, ${f}`).join('')} FROM ${source}`;
}

/** True for a row that no DROP ROW rule rejects. */
export function keepPredicate(dropConditions: string[]): string {
  return dropConditions.length === 0 ? 'true' : dropConditions.map((c) => `(${c}) IS NOT FALSE`).join(' AND ');
}

/**
 * Up to SAMPLE_ROWS failing rows of each failing rule, in one scan: every row lists the rules it
 * fails, is repeated once per such rule, and the first rows of each rule are kept.
 */
export function failingRowsSql(source: string, rules: { name: string; condition: string }[]): string {
  const marks = rules.map((r, i) => `CASE WHEN (${r.condition}) IS FALSE THEN ${i + 1} END`).join(', ');
  const names = `[${rules.map((r) => quoteLiteral(r.name)).join(', ')}]`;
  return (
    `SELECT ${names}[__silt_rule] AS failed_rule, * EXCLUDE (__silt_rule) FROM (` +
    `SELECT unnest(list_filter([${marks}], x -> x IS NOT NULL)) AS __silt_rule, * FROM ${source}` +
    `) QUALIFY row_number() OVER (PARTITION BY __silt_rule) <= ${SAMPLE_ROWS} ORDER BY __silt_rule`
  );
}

/** The rows DROP ROW keeps (`keep`) or sets aside (`quarantine`), as a CREATE statement. */
export function splitSql(table: string, source: string, keep: string, side: 'keep' | 'quarantine'): string {
  return `CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS SELECT * FROM ${source} WHERE ${side === 'keep' ? keep : `NOT (${keep})`}`;
}
