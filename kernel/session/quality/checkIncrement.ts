/**
 * Expectations on live tables: the rules a table has in this session (its expectation cells that
 * ran, and expectations.yml) checked on the rows one increment adds, before the increment is
 * applied. A failing FAIL UPDATE rule means "hold this version back": the live table keeps its last
 * good version and raises an alert instead. The figures go to the history under the new version.
 *
 * For kernel/session/live (lane) to call from LiveTable.catchUp, before applyInc:
 *
 *   const verdict = await checkIncrement(host.quality, this.label, addedRowsSql, latest, query, conn);
 *   if (verdict?.hold) { keep this.version, notify live.status 'error' with verdict.message; return; }
 *
 * `addedRowsSql` selects the rows the increment inserts (change types insert and update_postimage),
 * `query`/`conn` are the live connection, so the check never waits for a running cell.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { formatRowCount } from '../../../common/formatRowCount';
import { quoteIdent } from '../../../common/sqlQuote';
import { checkExpectations, type CheckFigures, type Queryable } from '../../quality/checkExpectations';
import { fileRules } from '../../quality/expectationsFile';
import { recordCheck } from '../../quality/qualityHistory';
import type { QualityContext } from './runChecks';
import { resolveCheck } from './resolveCheck';
import { rememberedRules } from './sessionRules';

export interface IncrementVerdict {
  figures: CheckFigures;
  /** A FAIL UPDATE rule failed on the increment: do not apply it. */
  hold: boolean;
  /** What the alert says when held. */
  message: string | null;
}

/** Null when the table has no rules; else the increment's figures and whether to hold it back. */
export async function checkIncrement(
  ctx: QualityContext,
  target: string,
  addedRowsSql: string,
  version: number,
  query: Queryable = ctx.engine,
  conn: DuckDBConnection = ctx.engine.connection,
): Promise<IncrementVerdict | null> {
  const own = rememberedRules(ctx.engine, target);
  const names = new Set(own.map((r) => r.name.toLowerCase()));
  const rules = [...fileRules(ctx.workspace, target).filter((r) => !names.has(r.name.toLowerCase())), ...own];
  if (rules.length === 0) return null;
  const { resolved, binding } = await resolveConditions(
    ctx,
    target,
    rules.map((r) => r.condition),
  );
  const figures = await checkExpectations(query, target, `(${addedRowsSql}) AS ${binding}`, rules, resolved);
  await recordCheck(conn, ctx.workspace, figures, version).then(
    () => ctx.notify?.({ type: 'quality.checked', table: target }),
    () => undefined,
  );
  const failing = figures.rules.find((r) => r.action === 'fail' && r.failed > 0);
  return {
    figures,
    hold: failing !== undefined,
    message: failing
      ? `v${version} of ${target} is held back: rule "${failing.name}" failed on ${formatRowCount(failing.failed)} of the ${formatRowCount(failing.checked)} it adds (${failing.condition}).`
      : null,
  };
}

/**
 * The rules' conditions as DuckDB runs them, and the name the added rows stand under. A condition
 * that qualifies a column by the target's shared name (`demo.silver.orders.amount > 0`) is resolved
 * as the expectation cell resolves it, with the target in the statement, and the rows take the name
 * that qualifier was rewritten to. Only then: resolving the target makes a view on the user's
 * connection, which a long-running cell would hold up, and a live table's checks must not wait.
 */
async function resolveConditions(
  ctx: QualityContext,
  target: string,
  conditions: string[],
): Promise<{ resolved: string[]; binding: string }> {
  const tableName = target.split('.').slice(-2).join('.').toLowerCase();
  if (!conditions.some((c) => c.toLowerCase().includes(tableName))) {
    const resolved: string[] = [];
    for (const c of conditions) resolved.push((await ctx.resolve(`SELECT ${c}`)).slice('SELECT '.length));
    return { resolved, binding: 'increment' };
  }
  const { target: read, conditions: each } = await resolveCheck((sql) => ctx.resolveMapped(sql), target, conditions);
  const edit = read.edits.find((e) => !e.qualifier);
  return { resolved: each.map((c) => c.sql), binding: edit ? quoteIdent(edit.alias ?? edit.view) : 'increment' };
}
