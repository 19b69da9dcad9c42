/**
 * Every check's figures, kept per table version in the workspace as a Delta table
 * (`<workspace>/.silt/quality/history`), so a cell can chart a rule's pass rate over versions and
 * Publish can share it like any Delta table. One row per rule per check.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DeltaTable, DeltaWriter, snapshotScanSql } from '../delta';
import { quoteLiteral } from '../../common/sqlQuote';
import type { CheckFigures } from './checkExpectations';

export const HISTORY_COLUMNS = [
  { name: 'checked_at', type: 'timestamp' },
  { name: 'target', type: 'string' },
  /** The shared table's version that was checked; null for a local table. */
  { name: 'table_version', type: 'long' },
  { name: 'rule', type: 'string' },
  { name: 'action', type: 'string' },
  { name: 'condition', type: 'string' },
  { name: 'rows_checked', type: 'long' },
  { name: 'passed', type: 'long' },
  { name: 'failed', type: 'long' },
];

export function historyPath(workspace: string): string {
  return join(workspace, '.silt', 'quality', 'history');
}

/** Appends one check to the history (creating the table on first use); returns the commit's version. */
export async function recordCheck(
  conn: DuckDBConnection,
  workspace: string,
  figures: CheckFigures,
  tableVersion: number | null,
): Promise<number> {
  const root = historyPath(workspace);
  const writer = existsSync(join(root, '_delta_log'))
    ? await DeltaWriter.open(root)
    : await DeltaWriter.create(root, { columns: HISTORY_COLUMNS, name: 'quality_history' });
  const at = new Date().toISOString();
  const rows = figures.rules.map(
    (r) =>
      `(${quoteLiteral(at)}::TIMESTAMPTZ, ${quoteLiteral(figures.target)}, ${tableVersion ?? 'NULL'}::BIGINT, ${quoteLiteral(r.name)}, ` +
      `${quoteLiteral(r.action)}, ${quoteLiteral(r.condition)}, ${r.checked}::BIGINT, ${r.passed}::BIGINT, ${r.failed}::BIGINT)`,
  );
  const names = HISTORY_COLUMNS.map((c) => c.name).join(', ');
  return writer.appendFromQuery(conn, `SELECT * FROM (VALUES ${rows.join(', ')}) AS h(${names})`, { operation: 'QUALITY CHECK' });
}

/** A SELECT over the history's latest snapshot, or null before the first check. */
export async function historySql(workspace: string): Promise<string | null> {
  const root = historyPath(workspace);
  if (!existsSync(join(root, '_delta_log'))) return null;
  return snapshotScanSql(await DeltaTable.open(root).snapshot());
}

export interface LastCheck {
  /** fail: a FAIL UPDATE rule failed; warn: another rule failed; pass: none did. */
  state: 'pass' | 'warn' | 'fail';
  tableVersion: number | null;
  checkedAt: string;
  rules: number;
  failing: string[];
}

/** The most recent check of `target` (as written, ignoring case), or null if it was never checked. */
export async function lastCheck(
  query: (sql: string) => Promise<Record<string, unknown>[]>,
  workspace: string,
  target: string,
): Promise<LastCheck | null> {
  const scan = await historySql(workspace);
  if (!scan) return null;
  const [r] = await query(
    `WITH h AS (SELECT * FROM (${scan}) WHERE lower(target) = lower(${quoteLiteral(target)}))
     SELECT any_value(table_version) AS version, strftime(max(checked_at) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS at, count(*) AS rules,
       coalesce(bool_or(failed > 0 AND action = 'fail'), false) AS failed_update, coalesce(list(rule) FILTER (WHERE failed > 0), []) AS failing
     FROM h WHERE checked_at = (SELECT max(checked_at) FROM h)`,
  );
  if (!r || Number(r.rules) === 0) return null;
  const failing = (r.failing as string[]) ?? [];
  return {
    state: r.failed_update ? 'fail' : failing.length > 0 ? 'warn' : 'pass',
    tableVersion: r.version === null ? null : Number(r.version),
    checkedAt: String(r.at),
    rules: Number(r.rules),
    failing,
  };
}
