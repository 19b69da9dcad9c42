/**
 * The editor's TypeScript requests through the host and a real session process (the built kernel,
 * whose checker runs on its worker thread): answers with the notebook's earlier cells in scope,
 * and a request with a position outside the code is refused by name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessHost, type InProcessHost } from '../../helpers/inProcessHost';

let host: InProcessHost;
let sessionId: string;

beforeAll(async () => {
  host = await startInProcessHost();
  ({ sessionId } = await host.client.request('session.open', { key: 'ts-requests' }));
});
afterAll(() => host?.stop());

describe('ts.diagnostics and ts.completions', () => {
  it('reports a wrong-typed const, and none for a name an earlier cell declared', async () => {
    const wrong = await host.client.request('ts.diagnostics', { sessionId, code: 'const x: number = "abc";', before: [] });
    expect(wrong.diagnostics.map((d) => [d.line, d.message])).toEqual([[1, `Type 'string' is not assignable to type 'number'.`]]);
    // The editor names its cell, so its newer request can replace a queued one.
    const fine = await host.client.request('ts.diagnostics', { sessionId, cellId: 'c7', code: 'limit * 2', before: ['const limit = 5;'] });
    expect(fine.diagnostics).toEqual([]);
  });

  it('refuses a cell id that is not a string', async () => {
    const params = { sessionId, cellId: 7, code: 'limit', before: [] } as unknown as { sessionId: string; code: string; before: string[] };
    await expect(host.client.request('ts.diagnostics', params)).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/cellId/),
    });
  });

  it('completes the members of a named SQL result, its columns among them', async () => {
    await host.client.request('execute', {
      sessionId,
      runId: 'r1',
      cellId: 'c1',
      language: 'sql',
      code: 'SELECT 1 AS order_id, 9.5 AS amount',
      name: 'orders',
    });
    const code = 'orders.';
    const found = await host.client.request('ts.completions', { sessionId, code, before: [], pos: code.length });
    expect(found.member).toBe(true);
    const labels = found.options.map((o) => o.label);
    expect(labels).toEqual(expect.arrayContaining(['head', 'groupby', 'arrow', 'sqlTypes', 'order_id', 'amount']));
  });

  it('refuses a position beyond the end of the code', async () => {
    await expect(host.client.request('ts.completions', { sessionId, code: 'df.', before: [], pos: 99 })).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/pos must be within the code/),
    });
  });
});
