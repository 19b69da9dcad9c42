/**
 * Turns a table's profile into an expectation cell the analyst can edit. Every rule is made to hold
 * on the data it was profiled from: ranges are its own min and max (as exact literals of the column's
 * type), value lists are all of its values, and NULLs pass every rule except IS NOT NULL, which is
 * only proposed for a column without NULLs.
 */
import { quoteIdent, quoteIdentIfNeeded, quoteLiteral } from '../sqlQuote';

export interface ColumnStats {
  name: string;
  /** DuckDB type, e.g. BIGINT, DECIMAL(10,2), VARCHAR, TIMESTAMP WITH TIME ZONE. */
  type: string;
  rows: number;
  nulls: number;
  distinct: number;
  /** min and max as DuckDB prints them (VARCHAR casts), null when the column has no values. */
  min: string | null;
  max: string | null;
  /** Every distinct value when there are few (see MAX_LISTED), else null. */
  values: string[] | null;
  /** The name is an SQL keyword (`at`, `order`), so conditions must quote it even though it is plain. */
  keyword?: boolean;
}

/** A text column with at most this many distinct values is proposed as a list of allowed values. */
export const MAX_LISTED = 12;

const INTEGER = /^(U?TINYINT|U?SMALLINT|U?INTEGER|U?BIGINT|U?HUGEINT|INT\d*)$/i;
const EXACT = /^(DECIMAL\(\d+,\s*\d+\)|DECIMAL|NUMERIC)$/i;
const FLOAT = /^(FLOAT|REAL|DOUBLE|FLOAT4|FLOAT8)$/i;
const TEMPORAL = /^(DATE|TIMESTAMP|TIMESTAMP WITH TIME ZONE|TIMESTAMP_NS|TIMESTAMP_MS|TIMESTAMP_S|TIME)$/i;
const TEXT = /^(VARCHAR|TEXT|STRING)$/i;
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

export interface SuggestedRule {
  name: string;
  condition: string;
  /** Why it is proposed, shown as a comment above it. */
  why: string;
}

export function suggestRules(columns: ColumnStats[], targetSql: string): SuggestedRule[] {
  const rules: SuggestedRule[] = [];
  const used = new Set<string>();
  const add = (column: string, suffix: string, condition: string, why: string) => {
    let name = `${column.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=\d)/, 'c_')}_${suffix}`;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${name}_${i}`;
    used.add(name.toLowerCase());
    rules.push({ name, condition, why });
  };
  for (const c of columns) {
    const col = c.keyword ? quoteIdent(c.name) : quoteIdentIfNeeded(c.name);
    const present = c.rows - c.nulls;
    if (c.rows > 0 && c.nulls === 0) add(c.name, 'not_null', `${col} IS NOT NULL`, `no NULLs in ${c.rows} rows`);
    if (present === 0 || c.min === null || c.max === null) continue;
    const literal = literalFor(c.type);
    if (literal) {
      const lo = literal(c.min);
      const hi = literal(c.max);
      if (lo && hi) add(c.name, 'range', `${col} BETWEEN ${lo} AND ${hi}`, `values from ${c.min} to ${c.max}`);
    }
    if (TEXT.test(c.type) && c.values && c.values.length < present) {
      add(c.name, 'known', `${col} IN (${c.values.map(quoteLiteral).join(', ')})`, `${c.values.length} distinct values`);
    }
    if (present > 1 && c.distinct === present && (INTEGER.test(c.type) || TEXT.test(c.type))) {
      add(
        c.name,
        'unique',
        `${col} NOT IN (SELECT ${col} FROM ${targetSql} WHERE ${col} IS NOT NULL GROUP BY ${col} HAVING count(*) > 1)`,
        `every value occurs once`,
      );
    }
  }
  return rules;
}

/** The cell text: one commented rule per line; warn only, so accepting it never drops or fails. */
export function suggestionCell(target: string, rules: SuggestedRule[]): string {
  if (rules.length === 0) return `-- No rules to suggest for ${target}: it has no rows or no columns Silt profiles.\n`;
  const lines = rules.map(
    (r, i) => `  -- ${r.why}\n  CONSTRAINT ${quoteIdentIfNeeded(r.name)} EXPECT (${r.condition})${i < rules.length - 1 ? ',' : ';'}`,
  );
  return `EXPECT ON ${target}\n${lines.join('\n')}\n`;
}

/** How a min or max of this type is written back as an exact literal; null for types not ranged. */
function literalFor(type: string): ((v: string) => string | null) | null {
  if (INTEGER.test(type) || EXACT.test(type)) return (v) => (NUMBER.test(v) ? v : null);
  if (FLOAT.test(type)) return (v) => (NUMBER.test(v) ? `CAST(${v} AS ${type.toUpperCase()})` : null);
  if (TEMPORAL.test(type)) return (v) => `CAST(${quoteLiteral(v)} AS ${type.toUpperCase()})`;
  return null;
}
