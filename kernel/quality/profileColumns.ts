/**
 * The column statistics suggestions are made from, in two scans: counts, distinct counts and min/max
 * of every column, then the values of the text columns that have few.
 */
import type { DuckEngine } from '../engine/DuckEngine';
import { quoteIdent } from '../../common/sqlQuote';
import { MAX_LISTED, type ColumnStats } from '../../common/quality/suggestExpectations';

/** Types whose min and max mean something as a range (numbers, dates, times) or that are listed (text). */
const SCALAR = /^(U?TINYINT|U?SMALLINT|U?INTEGER|U?BIGINT|U?HUGEINT|DECIMAL.*|FLOAT|REAL|DOUBLE|DATE|TIME|TIMESTAMP.*|VARCHAR)$/i;

export async function profileColumns(engine: DuckEngine, source: string): Promise<ColumnStats[]> {
  const described = await engine.query(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${source})`);
  const cols = described.map((d) => ({ name: String(d.column_name), type: String(d.column_type) }));
  const keywords = new Set(
    (await engine.query('SELECT keyword_name FROM duckdb_keywords()')).map((k) => String(k.keyword_name).toLowerCase()),
  );
  if (cols.length === 0) return [];
  const parts = cols.flatMap((c, i) => {
    const q = quoteIdent(c.name);
    const base = [`count(${q}) AS n${i}`];
    if (!SCALAR.test(c.type)) return base;
    return [...base, `count(DISTINCT ${q}) AS d${i}`, `min(${q})::VARCHAR AS lo${i}`, `max(${q})::VARCHAR AS hi${i}`];
  });
  const [row] = await engine.query(`SELECT count(*) AS rows, ${parts.join(', ')} FROM ${source}`);
  const rows = Number(row.rows);
  const stats: ColumnStats[] = cols.map((c, i) => ({
    name: c.name,
    type: c.type,
    rows,
    nulls: rows - Number(row[`n${i}`]),
    distinct: row[`d${i}`] === undefined ? 0 : Number(row[`d${i}`]),
    min: (row[`lo${i}`] as string | null | undefined) ?? null,
    max: (row[`hi${i}`] as string | null | undefined) ?? null,
    values: null,
    keyword: keywords.has(c.name.toLowerCase()),
  }));
  const listed = stats.filter((s) => /^VARCHAR$/i.test(s.type) && s.distinct > 0 && s.distinct <= MAX_LISTED);
  if (listed.length > 0) {
    const lists = listed.map((s, i) => `list(DISTINCT ${quoteIdent(s.name)} ORDER BY ${quoteIdent(s.name)}) AS v${i}`);
    const [values] = await engine.query(`SELECT ${lists.join(', ')} FROM ${source}`);
    listed.forEach((s, i) => (s.values = (values[`v${i}`] as string[]).filter((v) => v !== null)));
  }
  return stats;
}
