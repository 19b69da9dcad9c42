/**
 * A cell that reads a shared table with a selective WHERE, from a server that ignores hints: the
 * cell's download progress says how many of the table's files it reads and skips, and the bytes
 * skipped, and the figures are those of the files on disk, not the ones the client computed.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedTables } from '../../../kernel/session/sharing/SharedTables';
import { formatBytes } from '../../../common/formatBytes';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { Session } from '../../../kernel/session/Session';
import { writeRangeTable } from '../../helpers/rangeTable';

const dir = mkdtempSync(join(tmpdir(), 'silt-skip-'));
const table = join(dir, 'events');
let server: RunningSharingServer;
let session: Session;
let profile: string;

beforeAll(async () => {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  await writeRangeTable(conn, table, 10, 1000);
  conn.closeSync();
  server = await startSharingServer({
    ignoreHints: true,
    shares: [{ name: 'lab', schemas: [{ name: 'raw', tables: [{ name: 'events', location: table }] }] }],
  });
  profile = JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token });
});
afterAll(async () => {
  await session?.engine.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The table's data files and, by reading each one with DuckDB, which hold an id the WHERE wants. */
async function filesOnDisk(where: string) {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  const out = [];
  for (const name of readdirSync(table).filter((n) => n.endsWith('.parquet'))) {
    const path = join(table, name);
    const hits = Number((await conn.runAndReadAll(`SELECT count(*) FROM '${path}' WHERE ${where}`)).getRows()[0][0]);
    out.push({ size: statSync(path).size, matches: hits > 0 });
  }
  conn.closeSync();
  return out;
}

describe('skipped files in a cell’s progress', () => {
  it('shows "N of M files of the table, skipped K (bytes)" while the cell downloads, from the real files', async () => {
    const labels: string[] = [];
    session = await Session.create({ workspace: dir, emit: () => {}, progress: (_run, label) => labels.push(label), profiles: [profile] });
    const r = await session.execute({ runId: 'r1', language: 'sql', code: 'SELECT count(*) AS n FROM lab.raw.events WHERE id >= 8500' });
    expect(r.status).toBe('ok');
    const files = await filesOnDisk('id >= 8500');
    const skipped = files.filter((f) => !f.matches);
    expect(skipped.length).toBe(8); // ids 8500… live in the last two of ten files
    const bytes = skipped.reduce((s, f) => s + f.size, 0);
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l).toBe(`Downloading 2 of 10 files of lab.raw.events, skipped 8 (${formatBytes(bytes)})`);
    const table = r.outputs.find((o) => o.kind === 'table');
    expect(JSON.stringify(table)).toContain('1500');
  });

  it('says nothing about skipping when the WHERE needs every file', async () => {
    const labels: string[] = [];
    const s = await Session.create({ workspace: dir, emit: () => {}, progress: (_run, label) => labels.push(label), profiles: [profile] });
    try {
      expect(
        (await s.execute({ runId: 'r2', language: 'sql', code: 'SELECT count(*) FROM lab.raw.events WHERE id % 1000 = 7' })).status,
      ).toBe('ok');
      expect(labels.length).toBeGreaterThan(0);
      for (const l of labels) expect(l).toBe('Downloading lab.raw.events');
    } finally {
      await s.engine.close();
    }
  });

  it('hands the cell a line to keep once the run is over', async () => {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const shared = new SharedTables(conn);
    shared.addProfile(profile, 'lab_profile');
    const lines: string[] = [];
    await shared.resolve('SELECT * FROM lab.raw.events WHERE id < 100', { onSkipped: (l) => lines.push(l) });
    const skipped = (await filesOnDisk('id < 100')).filter((f) => !f.matches);
    expect(lines).toEqual([`lab.raw.events: skipped 9 of 10 files (${formatBytes(skipped.reduce((s, f) => s + f.size, 0))})`]);
    await shared.close();
    conn.closeSync();
  });
});
