/**
 * A shared table whose Parquet data files are damaged (footer length damaged, size unchanged, so the
 * download's size check passes): the cell says which table and which file, as Damaged data, without
 * Silt's cache paths or its internal SQL; and once the provider's file is whole again, running the
 * cell again reads it, because the damaged copy did not stay in the cache.
 */
import { closeSync, cpSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';
import { SHARED } from '../../helpers/shared';

const SOURCE = `${SHARED}/data/delta/simple_table`;
let dir: string;
let server: RunningSharingServer;
let bed: InProcessSession;

const parquetFiles = () => readdirSync(join(dir, 'damaged')).filter((f) => f.endsWith('.parquet'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-damaged-'));
  cpSync(SOURCE, join(dir, 'damaged'), { recursive: true });
  for (const f of parquetFiles()) {
    const path = join(dir, 'damaged', f);
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    // The footer's length field says more than the file holds: DuckDB cannot read the footer.
    writeSync(fd, Buffer.from([0xff, 0xff, 0x00, 0x00]), 0, 4, size - 8);
    closeSync(fd);
  }
  // A table id of its own: the server derives file ids from it, and the test cache is shared, so the
  // undamaged copy another test read must not answer for these files.
  server = await startSharingServer({
    shares: [
      {
        name: 'lab',
        schemas: [{ name: 'default', tables: [{ name: 'damaged', location: join(dir, 'damaged'), id: `damaged-${randomUUID()}` }] }],
      },
    ],
  });
  bed = await inProcessSession('silt-damaged-session-');
  bed.session.shared.addProfile(JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token }), 'lab');
});
afterAll(async () => {
  await bed?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a damaged Parquet file in a shared table', () => {
  it('is told as Damaged data naming the table and the file, and a run after the repair reads it', async () => {
    const failed = await bed.exec('sql', 'SELECT count(*) AS n FROM lab.default.damaged');
    const error = failed.outputs.find((o) => o.kind === 'error');
    expect(error).toMatchObject({ kind: 'error', ename: 'Damaged data' });
    const message = error?.kind === 'error' ? error.message : '';
    expect(message).toMatch(/data file part-[\w-]+\.snappy\.parquet of lab\.default\.damaged is damaged \(and \d+ more of its files\)/);
    expect(message).toContain('profile "lab"');
    expect(message).toContain('cannot be read as Parquet (Invalid Input Error: Footer length error in it)');
    expect(message).not.toMatch(/cache|DESCRIBE|read_parquet|LINE 1|\/tmp\//);

    // The provider repairs the files (same names, same sizes): the next run downloads them again.
    for (const f of parquetFiles()) cpSync(join(SOURCE, f), join(dir, 'damaged', f));
    const again = await bed.exec('sql', 'SELECT count(*) AS n FROM lab.default.damaged');
    const expected = JSON.parse(readFileSync(`${SHARED}/data/delta/expected.json`, 'utf8')).tables.simple_table;
    const want = expected.versions[String(expected.latestVersion)].data.rowCount;
    expect(again.outputs[0]).toMatchObject({ kind: 'table', rows: [[String(want)]] });
  });
});
