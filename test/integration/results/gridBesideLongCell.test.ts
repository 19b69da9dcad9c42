/**
 * A grid sorts, filters and profiles its result while another cell runs a query that only Interrupt
 * ends: those requests go on the paging connection, not behind the running cell. Real DuckDB, a real
 * Session in this process. If they queued behind the long cell, they would never answer and the test
 * would time out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';

let s: InProcessSession;

beforeAll(async () => {
  s = await inProcessSession('silt-beside-');
});
afterAll(() => s.close());

describe('a grid beside a long cell', () => {
  it('sorts, filters, profiles and lists top values while the long cell still runs', async () => {
    const made = await s.exec('sql', 'SELECT range AS n, range % 3 AS k FROM range(1000)');
    const handle = (made.outputs[0] as { handle: string }).handle;
    const long = s.exec('sql', 'SELECT sum(hash(i)) FROM range(1000000000000) t(i)');
    let longEnded = false;
    void long.then(() => (longEnded = true));
    // Let the long query get going on the user's connection first.
    await new Promise((r) => setTimeout(r, 200));

    const sorted = await s.session.engine.view(handle, [{ column: 'n', desc: true }], [{ column: 'k', op: 'eq', value: '1' }]);
    expect(sorted.rowCount).toBe(333);
    expect((await s.session.engine.page(sorted.handle, 0, 2)).map((r) => Number(r[0]))).toEqual([997, 994]);
    const profile = await s.session.engine.profile(handle);
    expect(profile.rowCount).toBe(1000);
    const top = await s.session.engine.topValues(handle, 'k');
    expect(top.map((t) => Number(t.count))).toEqual([334, 333, 333]);
    expect(longEnded).toBe(false);

    s.session.interrupt();
    expect((await long).status).toBe('interrupted');
  }, 20_000);
});
