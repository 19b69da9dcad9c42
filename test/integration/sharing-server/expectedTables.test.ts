/**
 * Every table in ../shared/data/delta served over the protocol: file count and bytes at the
 * latest version equal expected.json's, and tables that cannot be read give a clear error body.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer } from '../../../kernel/sharing/server';
import { DATA, expectedTables, files, Fixture } from './fixture';

const tables = readdirSync(DATA).filter((d) => statSync(join(DATA, d)).isDirectory());
const CAPS = 'responseformat=delta,parquet;readerfeatures=deletionvectors,columnmapping,timestampntz';

/**
 * The data set has two unreadable tables (a missing commit, reader version 99); the other two of the
 * four failure kinds (no protocol, no metaData) are made here from simple_table's log.
 */
const made = mkdtempSync(join(tmpdir(), 'silt-share-neg-'));
const madeTables = ['protocol', 'metaData'].map((action) => {
  const name = `no-${action}`;
  cpSync(join(DATA, 'simple_table', '_delta_log'), join(made, name, '_delta_log'), { recursive: true });
  const first = join(made, name, '_delta_log', '00000000000000000000.json');
  writeFileSync(
    first,
    readFileSync(first, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith(`{"${action}"`))
      .join('\n'),
  );
  return name;
});

let fx: Fixture;
beforeAll(async () => {
  const server = await startSharingServer({
    shares: [
      {
        name: 'test.share',
        schemas: [
          {
            name: 's',
            tables: [...tables, ...madeTables].map((t) => ({ name: t, location: madeTables.includes(t) ? join(made, t) : join(DATA, t) })),
          },
        ],
      },
    ],
  });
  fx = new Fixture(server);
});
afterAll(async () => {
  await fx.close();
  rmSync(made, { recursive: true, force: true });
});

describe('every shared test table', () => {
  const readable = Object.keys(expectedTables).filter((t) => !expectedTables[t].expectError);
  it.each(readable)('%s: /query lists numFiles files of sizeBytes at the latest version', async (name) => {
    const t = expectedTables[name];
    const want = t.versions[String(t.latestVersion)];
    const a = await fx.query(name, {}, CAPS);
    expect(a.error).toBeUndefined();
    expect(a.headers.get('delta-table-version')).toBe(String(t.latestVersion));
    const fs = files(a);
    expect(fs).toHaveLength(want.numFiles);
    expect(fs.reduce((s, f) => s + (f.size ?? f.deltaSingleAction.add.size), 0)).toBe(want.sizeBytes);
  });

  const failing = [...tables.filter((t) => !expectedTables[t] || expectedTables[t].expectError), ...madeTables];
  it('includes the four tables that must fail', () => {
    expect(failing).toHaveLength(4);
  });

  // A reader version from the future is unsupported; a log with a gap or without protocol or metadata is
  // damaged, which a client must hear as CORRUPT_TABLE (retrying cannot help), not as a bad request.
  const codeFor = (name: string) => (/protocol-version/.test(name) ? 'UNSUPPORTED_OPERATION' : 'CORRUPT_TABLE');

  it.each(failing)('%s: refused with an error body that says why', async (name) => {
    const a = await fx.query(name, {}, CAPS);
    expect(a.status).toBe(400);
    expect(a.error!.errorCode, a.error!.message).toBe(codeFor(name));
    expect(a.error!.message).toContain(`test.share.s.${name}`);
    expect(a.error!.message).not.toContain(DATA);
    if (expectedTables[name]?.expectError) expect(a.error!.message.toLowerCase()).toMatch(/missing|minreaderversion|protocol|metadata/);
  });
});
