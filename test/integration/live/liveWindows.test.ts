/**
 * Live tables through the real host and session process, with two WebSocket clients on one session
 * (two windows of one notebook): each plays the window's part (on `live.update`, claim, and if
 * granted re-run the planned cells), and one commit re-runs the dependent cell once. Then a restart:
 * the session holds no live table afterwards, and Resume brings one back instead of refusing.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planLiveRuns } from '../../../common/live/planLiveRuns';
import { DeltaWriter } from '../../../kernel/delta';
import type { EventMessage } from '../../../kernel/protocol';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../../kernel/sharing/server';
import { ProtocolClient, startHost, type RunningHost } from '../../helpers/startHost';

const TABLE = 'lab.s.events';
const rows = (from: number, n: number) => `SELECT (${from} + i)::BIGINT AS id, 'r' || (i % 3) AS region FROM range(${n}) t(i)`;

let dir: string;
let conn: DuckDBConnection;
let writer: DeltaWriter;
let sharing: RunningSharingServer;
let host: RunningHost;
let windows: ProtocolClient[];
let sessionId: string;

type Update = Extract<EventMessage, { type: 'live.update' }>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-live-windows-'));
  conn = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
  writer = await DeltaWriter.create(join(dir, 'events'), {
    columns: [
      { name: 'id', type: 'long' },
      { name: 'region', type: 'string' },
    ],
    enableChangeDataFeed: true,
  });
  await writer.appendFromQuery(conn, rows(0, 100));
  sharing = await startSharingServer({
    shares: [{ name: 'lab', schemas: [{ name: 's', tables: [{ name: 'events', location: join(dir, 'events'), historyShared: true }] }] }],
  });
  writeProfile(join(dir, 'lab.share'), sharing.url, sharing.token);
  host = await startHost(['--profile', join(dir, 'lab.share')]);
  windows = [await ProtocolClient.connect(host), await ProtocolClient.connect(host)];
  const [a, b] = await Promise.all(windows.map((w) => w.request('session.open', { key: 'two-windows' })));
  expect(b.sessionId).toBe(a.sessionId);
  sessionId = a.sessionId;
}, 120_000);

afterAll(async () => {
  windows?.forEach((w) => w.close());
  await host?.stop();
  await sharing?.close();
  conn?.closeSync();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function waitFor<T extends EventMessage>(
  w: ProtocolClient,
  from: number,
  pred: (e: EventMessage) => e is T,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const hit = w.events.slice(from).find(pred);
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error('no such event in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('two windows on one session', () => {
  it('one commit re-runs the dependent cell once: only one window is granted the claim', async () => {
    const cell = { id: 'count', language: 'sql' as const, code: `SELECT count(*) AS n FROM ${TABLE}` };
    const other = { id: 'other', language: 'sql' as const, code: 'SELECT 1' };
    await windows[0].request('live.start', { sessionId, table: TABLE, intervalMs: 500 });
    const from = windows.map((w) => w.events.length);
    const version = await writer.appendFromQuery(conn, rows(100, 5));
    const isUpdate = (e: EventMessage): e is Update => e.type === 'live.update' && e.version === version;
    const reruns: string[] = [];
    const grants = await Promise.all(
      windows.map(async (w, i) => {
        const u = await waitFor(w, from[i], isUpdate);
        const plan = planLiveRuns([cell, other], [u.table]);
        const { granted } = await w.request('live.claim', { sessionId, versions: { [u.table]: u.version } });
        if (granted)
          for (const id of plan) {
            const r = await w.request('execute', { sessionId, runId: `w${i}-${id}`, cellId: id, language: 'sql', code: cell.code });
            reruns.push(`${i}:${id}:${JSON.stringify(r.outputs[0])}`);
          }
        return granted;
      }),
    );
    expect(grants.filter(Boolean)).toHaveLength(1);
    expect(reruns).toHaveLength(1);
    expect(reruns[0]).toContain('"105"');
    // A late claim for the same version (a window that was busy) is refused too.
    expect(await windows[1].request('live.claim', { sessionId, versions: { [TABLE]: version } })).toEqual({ granted: false });
  }, 60_000);

  it('after a restart the session holds no live table, and Resume starts it again instead of refusing', async () => {
    await windows[0].request('session.restart', { sessionId });
    expect((await windows[1].request('live.list', { sessionId })).tables).toEqual([]);
    const info = await windows[1].request('live.resume', { sessionId, table: TABLE });
    expect(info).toMatchObject({ table: TABLE, state: 'live', version: 2, rowCount: 105 });
    const paused = await windows[0].request('live.pause', { sessionId, table: TABLE });
    expect(paused.state).toBe('paused');
  }, 60_000);
});
