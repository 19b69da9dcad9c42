/**
 * The session's expectations as a live table's increment vetter: the rows an increment adds are
 * checked against the table's rules (its expectation cells that ran, and expectations.yml) on the
 * live tables' own connection, inside the copy's transaction, so a running cell never waits and a
 * refused increment leaves nothing behind. A failing FAIL UPDATE rule holds the version back.
 */
import type { IncrementVetter } from '../live/HeldBack';
import { checkIncrement } from './checkIncrement';
import type { QualityContext } from './runChecks';

export function incrementVetter(ctx: () => QualityContext): IncrementVetter {
  return async (table, addedRowsSql, version, conn) => {
    const query = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
    const verdict = await checkIncrement(ctx(), table, addedRowsSql, version, { query }, conn);
    return verdict?.hold ? verdict.message : null;
  };
}
