/**
 * Memory, not timing: open 20 notebooks through a real host (each runs a cell, so its session holds
 * DuckDB and the TypeScript realm), close them, and the host plus its child processes are back within
 * 50 MB of where they started, with no session process left. The numbers are printed for the record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolClient, runText, startHost, type RunningHost } from '../../helpers/startHost';
import { sessionPids, treeRssBytes } from '../../helpers/sessionProcesses';

const NOTEBOOKS = 20;
/** Opened together, so the peak shows what closing gives back without loading the machine 20-fold. */
const AT_ONCE = 5;
const MB = 1024 * 1024;

let host: RunningHost;
let client: ProtocolClient;

async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1500));
}

beforeAll(async () => {
  host = await startHost();
  client = await ProtocolClient.connect(host);
  await client.request('hello', { protocolVersion: 1 });
});
afterAll(async () => {
  client?.close();
  await host?.stop();
});

describe('memory after closing notebooks', () => {
  it(`opening and closing ${NOTEBOOKS} notebooks returns the host and its children to within 50 MB`, async () => {
    const pid = host.child.pid!;
    await settle();
    const start = treeRssBytes(pid);
    let peak = start;
    let run = 0;
    for (let batch = 0; batch < NOTEBOOKS / AT_ONCE; batch++) {
      const keys = Array.from({ length: AT_ONCE }, (_, i) => `notebook-${batch * AT_ONCE + i}.ipynb`);
      const ids = await Promise.all(keys.map(async (key) => (await client.request('session.open', { key })).sessionId));
      for (const sessionId of ids) {
        const cell = (language: 'sql' | 'typescript', code: string) =>
          client.request('execute', { sessionId, runId: `r${++run}`, cellId: `c${run}`, language, code });
        expect((await cell('sql', 'SELECT sum(range) AS s FROM range(2000000)')).status).toBe('ok');
        expect(runText(await cell('typescript', 'Array.from({ length: 1e5 }, (_, i) => i).length'))).toBe('100000');
      }
      expect(sessionPids(pid)).toHaveLength(AT_ONCE);
      peak = Math.max(peak, treeRssBytes(pid));
      const closed = await Promise.all(ids.map((sessionId) => client.request('session.close', { sessionId })));
      expect(closed.every((c) => c.closed)).toBe(true);
    }
    await settle();
    const end = treeRssBytes(pid);
    const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;
    console.log(
      `RSS of host + children: start ${mb(start)}, peak with ${AT_ONCE} open ${mb(peak)}, ` +
        `after closing ${NOTEBOOKS} ${mb(end)} (${mb(end - start)} over start)`,
    );
    expect(sessionPids(pid)).toEqual([]);
    expect(peak - start).toBeGreaterThan(100 * MB); // the sessions really held memory while open
    expect(end - start).toBeLessThan(50 * MB);
    // Twenty session processes start one after another: on a loaded 2-core machine that alone can take a minute.
  }, 180_000);
});
