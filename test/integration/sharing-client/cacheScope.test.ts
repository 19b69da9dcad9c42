/**
 * Two servers that share a table under the same name and id, whose data file has the same path and
 * size but other rows (two Silt servers do: their file ids come from the table and the path). One
 * session reads both through one file cache: each profile sees its own server's rows, not the file
 * the other one cached.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';

let dir: string;
const servers: RunningSharingServer[] = [];
let bed: InProcessSession;
let savedCacheDir: string | undefined;

/** A one-file Delta table at `root` whose three rows all say `word`. */
async function writeTable(root: string, word: string): Promise<number> {
  mkdirSync(join(root, '_delta_log'), { recursive: true });
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`COPY (SELECT '${word}' AS word FROM range(3)) TO '${join(root, 'part-0.parquet')}' (FORMAT parquet)`);
  conn.closeSync();
  db.closeSync();
  const size = statSync(join(root, 'part-0.parquet')).size;
  const schema = { type: 'struct', fields: [{ name: 'word', type: 'string', nullable: true, metadata: {} }] };
  const actions = [
    { protocol: { minReaderVersion: 1, minWriterVersion: 2 } },
    {
      metaData: {
        id: '5d6b2f3a-0000-4000-8000-000000000001',
        format: { provider: 'parquet', options: {} },
        schemaString: JSON.stringify(schema),
        partitionColumns: [],
        configuration: {},
        createdTime: 1_700_000_000_000,
      },
    },
    { add: { path: 'part-0.parquet', partitionValues: {}, size, modificationTime: 1_700_000_000_000, dataChange: true } },
  ];
  writeFileSync(join(root, '_delta_log', '00000000000000000000.json'), actions.map((a) => JSON.stringify(a)).join('\n') + '\n');
  return size;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-cache-scope-'));
  const sizes = [await writeTable(join(dir, 'a'), 'aaaa'), await writeTable(join(dir, 'b'), 'bbbb')];
  expect(sizes[0]).toBe(sizes[1]);
  for (const which of ['a', 'b']) {
    servers.push(
      await startSharingServer({
        shares: [{ name: 'lab', schemas: [{ name: 'default', tables: [{ name: 't', location: join(dir, which), id: 'same-table-id' }] }] }],
      }),
    );
  }
  // One cache folder for every client, as `silt serve` gives its sessions.
  savedCacheDir = process.env.SILT_CACHE_DIR;
  process.env.SILT_CACHE_DIR = join(dir, 'cache');
  bed = await inProcessSession('silt-cache-scope-session-');
  for (const [i, name] of ['one', 'two'].entries()) {
    const s = servers[i];
    bed.session.shared.addProfile(JSON.stringify({ shareCredentialsVersion: 1, endpoint: s.url, bearerToken: s.token }), name);
  }
});
afterAll(async () => {
  await bed?.close();
  for (const s of servers) await s.close();
  if (savedCacheDir === undefined) delete process.env.SILT_CACHE_DIR;
  else process.env.SILT_CACHE_DIR = savedCacheDir;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the file cache across servers', () => {
  it('gives each profile its own server’s rows for a file of the same id and size', async () => {
    const one = await bed.exec('sql', 'SELECT DISTINCT word FROM one.lab.default.t');
    expect(one.outputs[0]).toMatchObject({ kind: 'table', rows: [['aaaa']] });
    const two = await bed.exec('sql', 'SELECT DISTINCT word FROM two.lab.default.t');
    expect(two.outputs[0]).toMatchObject({ kind: 'table', rows: [['bbbb']] });
  });
});
