/**
 * Real DuckDB with views named as the session names shared tables, for tests of the shared-name
 * rewrite and of the errors a cell shows through it.
 */
import { quoteIdent } from '../../common/sqlQuote';
import { DuckEngine } from '../../kernel/engine/DuckEngine';
import { SqlError } from '../../kernel/engine/SqlError';
import { findSharedRefs, type KnownTable } from '../../kernel/session/sharing/findSharedRefs';
import { spellingsOf } from '../../kernel/session/sharing/inAnalystWords';
import { sqlErrorInCell } from '../../kernel/session/sqlErrorInCell';

/** demo.silver.orders and demo.silver.listings, as the demo profile names them. */
export const DEMO_ORDERS_AND_LISTINGS: KnownTable[] = [
  { profile: 'demo', share: 'demo', schema: 'silver', table: 'orders' },
  { profile: 'demo', share: 'demo', schema: 'silver', table: 'listings' },
];

/** An engine where orders (now and at v1) and listings are one-row views with order_id, amount_eur and country. */
export async function engineWithOrderViews(): Promise<DuckEngine> {
  const engine = await DuckEngine.create();
  for (const view of ['demo.silver.orders', 'demo.silver.orders@v1', 'demo.silver.listings']) {
    await engine.execute(`CREATE VIEW ${quoteIdent(view)} AS SELECT 1 AS order_id, 2.5 AS amount_eur, 'FR' AS country`);
  }
  return engine;
}

/** The error a SQL cell of `code` shows, run as the session runs it (rewritten, then told in the cell's words). */
export async function cellError(engine: DuckEngine, code: string, known: KnownTable[]): Promise<SqlError> {
  const { sql, edits } = findSharedRefs(code, known);
  const e = await engine.execute(sql).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof SqlError)) throw new Error(`expected a SqlError for ${code}, got ${String(e)}`);
  return sqlErrorInCell(e, code, edits, spellingsOf(code, edits));
}
