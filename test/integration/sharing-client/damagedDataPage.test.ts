/**
 * A shared table's data file damaged inside a data page (footer whole, size unchanged, so the download
 * and the footer read pass): DuckDB fails only while the cell's query reads the rows, naming Silt's
 * cache path. The cell says which table and which of the provider's files, as Damaged data, without
 * the cache path; and once the provider's file is whole again, running the cell again reads it,
 * because the damaged copy did not stay in the cache.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';
import { SHARED } from '../../helpers/shared';

const SOURCE = `${SHARED}/data/delta/simple_table`;
// One of the files of the table's latest version.
const FILE = 'part-00004-315835fe-fb44-4562-98f6-5e6cfa3ae45d-c000.snappy.parquet';
let dir: string;
let server: RunningSharingServer;
let bed: InProcessSession;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-damaged-page-'));
  cpSync(SOURCE, join(dir, 'damaged'), { recursive: true });
  const bytes = readFileSync(join(dir, 'damaged', FILE));
  // Inside the first column's compressed page (it starts at byte 4): the footer still reads.
  for (let i = 20; i < 28; i++) bytes[i] ^= 0xff;
  writeFileSync(join(dir, 'damaged', FILE), bytes);
  // A table id of its own, so no other test's undamaged cached copy answers for this file.
  server = await startSharingServer({
    shares: [
      {
        name: 'lab',
        schemas: [{ name: 'default', tables: [{ name: 'damaged', location: join(dir, 'damaged'), id: `damaged-page-${randomUUID()}` }] }],
      },
    ],
  });
  bed = await inProcessSession('silt-damaged-page-session-');
  bed.session.shared.addProfile(JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token }), 'lab');
});
afterAll(async () => {
  await bed?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a shared Parquet file damaged inside a data page', () => {
  it('is told as Damaged data naming the table and the file, and a run after the repair reads it', async () => {
    const sql = 'SELECT * FROM lab.default.damaged';
    const failed = await bed.exec('sql', sql);
    const error = failed.outputs.find((o) => o.kind === 'error');
    expect(error).toMatchObject({ kind: 'error', ename: 'Damaged data' });
    const message = error?.kind === 'error' ? error.message : '';
    expect(message).toContain(`data file ${FILE} of lab.default.damaged is damaged: it cannot be read as Parquet (`);
    expect(message).toContain('profile "lab"');
    expect(message).not.toMatch(/cache|read_parquet|LINE 1|\/tmp\//);

    // Downloaded again, still damaged at the source: a TypeScript cell's `sql` says the same.
    const still = await bed.exec('typescript', `await sql\`${sql}\``);
    const stillError = still.outputs.find((o) => o.kind === 'error');
    expect(stillError).toMatchObject({ kind: 'error' });
    const stillMessage = stillError?.kind === 'error' ? stillError.message : '';
    expect(stillMessage).toContain(`data file ${FILE} of lab.default.damaged is damaged`);
    expect(stillMessage).not.toMatch(/cache|read_parquet|\/tmp\//);

    // The provider repairs the file (same name, same size): the next run downloads it again.
    cpSync(join(SOURCE, FILE), join(dir, 'damaged', FILE));
    const again = await bed.exec('sql', sql);
    const expected = JSON.parse(readFileSync(`${SHARED}/data/delta/expected.json`, 'utf8')).tables.simple_table;
    const want = expected.versions[String(expected.latestVersion)].data.rowCount;
    expect(again.outputs[0]).toMatchObject({ kind: 'table', rowCount: want });
  });
});
