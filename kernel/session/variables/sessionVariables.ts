/**
 * A session's variables: the globals TypeScript cells made (cells run in the session process's own
 * global scope, see TsRealm) and the tables SQL cells made, with shapes and approximate sizes.
 */
import { SiltError } from '../../../common/SiltError';
import { quoteIdent } from '../../../common/sqlQuote';
import type { VariableInfo, VariablePreview } from '../../protocol/variables';
import { asTable } from '../displayValue';
import type { Session } from '../Session';
import { describeSafely } from './describeValue';
import { lastMeasure, rememberMeasure } from './lastMeasures';

/** Rows a preview shows: a first look, not a second copy of a big table. */
export const PREVIEW_ROWS = 100;

/** Globals that exist before any cell runs (Node's own), taken when the session process loads this file. */
const BUILT_IN = new Set(Object.getOwnPropertyNames(globalThis));
/**
 * Helpers Silt gives every cell, and globals libraries set when they load (danfo's tfjs and its
 * regenerator): not the analyst's variables. Names starting with `_` are hidden too, as Jupyter's
 * variable inspectors hide them: libraries put their internals there.
 */
const HELPERS = new Set([
  'display',
  'register',
  'query',
  'sql',
  'dfd',
  'Plot',
  'automl',
  'sharing',
  'quality',
  'require',
  'console',
  'regeneratorRuntime',
]);

/** Tables SQL and completion also hide: shared tables' views (dotted names) and change feeds. */
const visible = (t: string) => !t.includes('.') && !t.startsWith('changes(') && !t.startsWith('__silt_');

/** Bytes per value of fixed-width DuckDB types; strings are measured. */
const WIDTH: Record<string, number> = {
  BOOLEAN: 1,
  TINYINT: 1,
  SMALLINT: 2,
  INTEGER: 4,
  DATE: 4,
  FLOAT: 4,
  REAL: 4,
  HUGEINT: 16,
  UUID: 16,
  INTERVAL: 16,
};

export function globalNames(): string[] {
  const g = globalThis as Record<string, unknown>;
  return Object.getOwnPropertyNames(g).filter((name) => {
    if (BUILT_IN.has(name) || HELPERS.has(name) || name.startsWith('_')) return false;
    const d = Object.getOwnPropertyDescriptor(g, name);
    // Getters (lazy helpers) are never called just to be listed; cells' variables are plain data.
    return Boolean(d && 'value' in d && d.enumerable);
  });
}

export async function listVariables(s: Session): Promise<VariableInfo[]> {
  const tables = await sqlTables(s);
  const sqlNames = new Set(tables.map((t) => t.name));
  const g = globalThis as Record<string, unknown>;
  // A named SQL result is also a DataFrame in TypeScript once a cell used it: the same data, listed once.
  const globals = globalNames()
    .filter((n) => !sqlNames.has(n))
    .map((n) => describeSafely(n, g[n]));
  const byName = (a: VariableInfo, b: VariableInfo) => a.name.localeCompare(b.name);
  return [...globals.sort(byName), ...tables.sort(byName)];
}

async function sqlTables(s: Session): Promise<VariableInfo[]> {
  const named = new Set(s.namedResultNames());
  // Read without waiting for a running cell (see CatalogReads): the panel answers during a long query.
  const rows = await s.engine.catalog.read(
    `SELECT any_value(table_catalog) = 'temp', table_name, any_value(table_type), list(column_name ORDER BY ordinal_position),
            list(data_type ORDER BY ordinal_position)
       FROM information_schema.tables JOIN information_schema.columns USING (table_catalog, table_schema, table_name)
      GROUP BY table_catalog, table_name`,
  );
  const out: VariableInfo[] = [];
  for (const [temp, tableName, type, columnList, typeList] of rows) {
    const name = String(tableName);
    if (!visible(name)) continue;
    const cols = columnList as string[];
    const types = (typeList as string[]).map((t) => t.toUpperCase());
    const isView = String(type).toUpperCase() === 'VIEW';
    const info: VariableInfo = {
      name,
      kind: named.has(name) ? 'sql-result' : 'sql-table',
      type: named.has(name) ? 'SQL result' : isView ? 'SQL view' : 'SQL table',
      columns: cols.length,
      tabular: true,
    };
    // A view may read files or a remote share: counting it could take long, so only tables are measured.
    if (!isView) Object.assign(info, await measureOrLast(s, name, cols, types, temp === true));
    out.push(info);
  }
  return out;
}

/**
 * A table's measure now; a TEMP table while a cell runs on the user's connection (the only one that
 * sees it) cannot be measured without waiting for that cell, so it gets its last measure, marked
 * `last-known` with when it was taken, or, never measured yet, `after-run`: measured once the cell ends.
 */
async function measureOrLast(
  s: Session,
  name: string,
  cols: string[],
  types: string[],
  temp: boolean,
): Promise<Pick<VariableInfo, 'rows' | 'bytes' | 'measure' | 'measuredAt'>> {
  if (temp && s.engine.userLaneBusy()) {
    const last = lastMeasure(s, name, cols);
    return last ? { rows: last.rows, bytes: last.bytes, measure: 'last-known', measuredAt: last.at } : { measure: 'after-run' };
  }
  const now = await measure(s, name, cols, types);
  rememberMeasure(s, name, cols, { ...now, at: Date.now() });
  return now;
}

/** Rows, and bytes estimated from fixed widths plus the strings' real lengths, in one scan. */
async function measure(s: Session, table: string, cols: string[], types: string[]): Promise<{ rows: number; bytes: number }> {
  const strings = cols.filter((_, i) => types[i] === 'VARCHAR' || types[i] === 'BLOB');
  const sums = strings.map((c, i) => `coalesce(sum(octet_length(CAST(${quoteIdent(c)} AS BLOB))), 0) AS s${i}`);
  const [r] = await s.engine.catalog.peek(`SELECT count(*) AS n${sums.map((x) => `, ${x}`).join('')} FROM ${quoteIdent(table)}`);
  const rows = Number(r.n);
  const fixed = types.reduce((sum, t) => sum + (t === 'VARCHAR' || t === 'BLOB' ? 16 : (WIDTH[t.replace(/\(.*$/, '')] ?? 8)), 0);
  const text = strings.reduce((sum, _, i) => sum + Number(r[`s${i}`] ?? 0), 0);
  return { rows, bytes: rows * fixed + text };
}

/** The first rows of a tabular variable, for the panel's preview grid. */
export async function previewVariable(s: Session, name: string): Promise<VariablePreview> {
  if ((await s.engine.tableNames()).includes(name) && visible(name)) {
    const result = await s.engine.execute(`SELECT * FROM ${quoteIdent(name)} LIMIT ${PREVIEW_ROWS}`);
    await s.engine.forget(result.handle);
    const [count] = await s.engine.query(`SELECT count(*) AS n FROM ${quoteIdent(name)}`);
    return {
      output: { kind: 'table', rowCount: result.rowCount, columns: result.columns, rows: result.firstPage },
      rowCount: Number(count.n),
    };
  }
  if (!globalNames().includes(name)) throw new SiltError('not-found', `The session has no variable named ${name}.`);
  const table = asTable((globalThis as Record<string, unknown>)[name]);
  if (!table)
    throw new SiltError(
      'bad-request',
      `${name} is not a table (a DataFrame, an Arrow table or an array of records), so it has no grid to show.`,
    );
  const rows = table.rows.slice(0, PREVIEW_ROWS);
  return { output: { kind: 'table', rowCount: rows.length, columns: table.columns, rows }, rowCount: table.rows.length };
}
