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
  return countQuery(source, conditions).sql;
}

/** Where a piece of a check's SQL stands in it: the source (`piece` -1) or rule `piece`'s condition. */
export interface CheckSpan {
  piece: number;
  at: number;
  length: number;
}

/** countSql, with where each condition and the source stand in it, so an error DuckDB points into it can be told per piece. */
export function countQuery(source: string, conditions: string[]): { sql: string; spans: CheckSpan[] } {
  // NOT (c) keeps only rows where c is FALSE (NOT NULL is NULL, which FILTER drops), the same rows as
  // `IS FALSE`, and DuckDB runs it about 15% faster.
  let sql = 'SELECT count(*) AS checked';
  const spans: CheckSpan[] = [];
  conditions.forEach((c, i) => {
    sql += ', count(*) FILTER (WHERE NOT (';
    spans.push({ piece: i, at: sql.length, length: c.length });
    sql += `${c})) AS f${i}`;
  });
  sql += ' FROM ';
  spans.push({ piece: -1, at: sql.length, length: source.length });
  return { sql: sql + source, spans };
}

/** The query that tells whether rule `piece`'s condition alone binds on the source, with its spans. */
export function conditionProbe(source: string, condition: string, piece: number): { sql: string; spans: CheckSpan[] } {
  const head = 'SELECT ((';
  const middle = ') IS FALSE) FROM ';
  return {
    sql: `${head}${condition}${middle}${source} LIMIT 0`,
    spans: [
      { piece, at: head.length, length: condition.length },
      { piece: -1, at: head.length + condition.length + middle.length, length: source.length },
    ],
  };
}

/** True for a row that no DROP ROW rule rejects. */
export function keepPredicate(dropConditions: string[]): string {
  return dropConditions.length === 0 ? 'true' : dropConditions.map((c) => `(${c}) IS NOT FALSE`).join(' AND ');
}

/**
 * Up to SAMPLE_ROWS failing rows of each failing rule. One LIMIT query per rule, so DuckDB stops
 * reading as soon as it has found them: a rule failing on many rows costs a glance at the table,
 * not another full scan (a window over all failing rows cost 9× the check on 1M rows).
 */
export function failingRowsSql(source: string, rules: { name: string; condition: string }[]): string {
  return rules
    .map(
      (r, i) =>
        `(SELECT ${i + 1} AS __silt_rule, ${quoteLiteral(r.name)} AS failed_rule, * FROM ${source} WHERE (${r.condition}) IS FALSE LIMIT ${SAMPLE_ROWS})`,
    )
    .join(' UNION ALL ')
    .replace(/^/, 'SELECT * EXCLUDE (__silt_rule) FROM (')
    .concat(') ORDER BY __silt_rule');
}

/** The rows DROP ROW keeps (`keep`) or sets aside (`quarantine`), as a CREATE statement. */
export function splitSql(table: string, source: string, keep: string, side: 'keep' | 'quarantine'): string {
  return `CREATE OR REPLACE TABLE ${quoteIdent(table)} AS SELECT * FROM ${source} WHERE ${side === 'keep' ? keep : `NOT (${keep})`}`;
}
