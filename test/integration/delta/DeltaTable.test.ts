import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeltaTable, DeltaTableError, DeltaWriter, snapshotScanSql } from '../../../kernel/delta';
import { DATA, expectedTables, filesSha256 } from './expectedData';

const expected = expectedTables;
const ts = (table: string, v: number): number => expected[table].versions[String(v)].commitInfoTimestamp;

let conn: DuckDBConnection;
let dir: string;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  dir = mkdtempSync(join(tmpdir(), 'silt-delta-table-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('time travel', () => {
  const table = DeltaTable.open(join(DATA, 'simple_table'));

  it('picks the latest commit at or before a timestamp', async () => {
    expect((await table.snapshot({ timestamp: ts('simple_table', 2) })).version).toBe(2);
    expect((await table.snapshot({ timestamp: ts('simple_table', 2) + 1 })).version).toBe(2);
    expect((await table.snapshot({ timestamp: ts('simple_table', 2) - 1 })).version).toBe(1);
    expect((await table.snapshot({ timestamp: Date.UTC(2100, 0, 1) })).version).toBe(4);
  });

  it('refuses a timestamp before the first commit', async () => {
    const err = await table.snapshot({ timestamp: ts('simple_table', 0) - 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeltaTableError);
    expect((err as Error).message).toMatch(/simple_table: timestamp .* is before the earliest commit/);
  });

  it('finds the earliest version at or after a timestamp (startingTimestamp)', async () => {
    expect(await table.versionAtOrAfter(ts('simple_table', 1) - 1)).toBe(1);
    expect(await table.versionAtOrAfter(ts('simple_table', 1))).toBe(1);
    await expect(table.versionAtOrAfter(Date.UTC(2100, 0, 1))).rejects.toThrow(/no commit at or after/);
  });

  it('lists the history with operations', async () => {
    const history = await table.history();
    expect(history.map((h) => h.version)).toEqual([0, 1, 2, 3, 4]);
    expect(history.map((h) => h.operation)).toEqual([0, 1, 2, 3, 4].map((v) => expected.simple_table.versions[v].operation));
    expect(history.map((h) => h.timestamp)).toEqual([0, 1, 2, 3, 4].map((v) => ts('simple_table', v)));
  });

  it('refuses versions beyond the latest', async () => {
    await expect(table.snapshot({ version: 5 })).rejects.toThrow(/version 5 does not exist \(latest is 4\)/);
  });
});

describe('changes', () => {
  it('returns data-changing actions per commit, cdc files included', async () => {
    const changes = await DeltaTable.open(join(DATA, 'cdf-table')).changes(0, 3);
    expect(changes.map((c) => c.version)).toEqual([0, 1, 2, 3]);
    expect(changes[0].actions.filter((a) => a.kind === 'add').length).toBe(10);
    expect(changes[0].protocol?.minReaderVersion).toBe(expected['cdf-table'].versions['0'].protocol.minReaderVersion);
    expect(changes[1].actions.filter((a) => a.kind === 'cdc').length).toBe(6);
    expect(changes[1].timestamp).toBe(ts('cdf-table', 1));
  });

  it('refuses a range over a missing commit', async () => {
    await expect(DeltaTable.open(join(DATA, 'versions-not-contiguous')).changes(0, 2)).rejects.toThrow(/missing commit 1/);
  });
});

describe('log layout', () => {
  it('reconstructs a version from a compaction file alone (newest-first actions)', async () => {
    const root = join(dir, 'compacted');
    cpSync(join(DATA, 'compacted-log-files-table'), root, { recursive: true });
    for (let v = 6; v <= 10; v++) rmSync(join(root, '_delta_log', `${String(v).padStart(20, '0')}.json`));
    const fromCompaction = await DeltaTable.open(root).snapshot({ version: 13 });
    const fromCommits = await DeltaTable.open(join(DATA, 'compacted-log-files-table')).snapshot({ version: 13 });
    const key = (s: typeof fromCommits) => s.files.map((f) => `${f.path}|${f.deletionVector?.pathOrInlineDv ?? ''}`).sort();
    expect(key(fromCompaction)).toEqual(key(fromCommits));
    expect(fromCompaction.files.length).toBe(expected['compacted-log-files-table'].versions['13'].numFiles);
    // Without the compaction file the same version cannot be rebuilt.
    rmSync(join(root, '_delta_log', '00000000000000000006.00000000000000000010.compacted.json'));
    rmSync(join(root, '_delta_log', '00000000000000000006.00000000000000000015.compacted.json'));
    await expect(DeltaTable.open(root).snapshot({ version: 13 })).rejects.toThrow(/missing commit 6/);
  });

  for (const [name, info] of Object.entries<any>(expected).filter(([, t]) => t.log.checkpoints.length > 0)) {
    const [kind, version] = [info.log.checkpoints.at(-1).split(':')[1], Number(info.log.checkpoints.at(-1).split(':')[0])];
    it(`${name}: reads its ${kind} checkpoint at v${version} without the commits it replaces`, async () => {
      const root = join(dir, `cp-${name}`);
      cpSync(join(DATA, name, '_delta_log'), join(root, '_delta_log'), { recursive: true });
      for (const f of readdirSync(join(root, '_delta_log'))) {
        const m = /^(\d{20})\.json$/.exec(f);
        if (m && Number(m[1]) <= version) rmSync(join(root, '_delta_log', f));
      }
      const snapshot = await DeltaTable.open(root).snapshot({ version });
      const want = info.versions[String(version)];
      expect(snapshot.files.length).toBe(want.numFiles);
      expect(filesSha256(snapshot)).toBe(want.filesSha256);
      expect(snapshot.protocol).toEqual(want.protocol);
      expect(snapshot.metadata.configuration).toEqual(want.metadata.configuration);
    });
  }

  it('ignores macOS ._ files next to log and data files', async () => {
    const root = join(dir, 'junk');
    cpSync(join(DATA, 'multi-part-checkpoint'), root, { recursive: true });
    const log = join(root, '_delta_log');
    // AppleDouble files carry the real file's name after "._" and hold resource-fork bytes.
    writeFileSync(join(log, '._00000000000000000001.checkpoint.0000000001.0000000002.parquet'), 'junk');
    writeFileSync(join(log, '._00000000000000000002.json'), 'junk');
    const snapshot = await DeltaTable.open(root).snapshot();
    const want = expected['multi-part-checkpoint'].versions['1'];
    expect(snapshot.version).toBe(1);
    expect(snapshot.files.length).toBe(want.numFiles);
    const n = await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM (${await snapshotScanSql(snapshot)})`);
    expect(n.getRowsJson()[0][0]).toBe(want.data.rowCount);
  });

  it('refuses a folder that is not a Delta table', async () => {
    await expect(DeltaTable.open(dir).latestVersion()).rejects.toThrow(/not a Delta table/);
  });
});

describe('schema evolution over old files', () => {
  it('reads columns and nested fields the files lack as NULL, with column mapping', async () => {
    const root = join(dir, 'evolved');
    cpSync(join(DATA, 'table-with-columnmapping-mode-name'), root, { recursive: true });
    const commit = join(root, '_delta_log', '00000000000000000000.json');
    const lines = readFileSync(commit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const meta = lines.find((l) => l.metaData).metaData;
    const schema = JSON.parse(meta.schemaString);
    const mapped = (name: string, physical: string, type: unknown) => ({
      name,
      type,
      nullable: true,
      metadata: { 'delta.columnMapping.physicalName': physical, 'delta.columnMapping.id': 900 },
    });
    schema.fields.push(mapped('added_later', 'col-added-later', 'long'));
    schema.fields.find((f: { name: string }) => f.name === 'nested_struct').type.fields.push(mapped('zz', 'col-zz', 'string'));
    meta.schemaString = JSON.stringify(schema);
    writeFileSync(commit, lines.map((l) => JSON.stringify(l)).join('\n'));

    const sql = await snapshotScanSql(await DeltaTable.open(root).snapshot());
    const r = await conn.runAndReadAll(
      `SELECT count(*)::INTEGER, count(added_later)::INTEGER, typeof(any_value(added_later)),
              count(nested_struct.aa)::INTEGER, count(nested_struct.zz)::INTEGER FROM (${sql})`,
    );
    const want = expected['table-with-columnmapping-mode-name'].versions['0'].data;
    const original = await snapshotScanSql(await DeltaTable.open(join(DATA, 'table-with-columnmapping-mode-name')).snapshot());
    const aa = (await conn.runAndReadAll(`SELECT count(nested_struct.aa)::INTEGER FROM (${original})`)).getRowsJson()[0][0];
    expect(aa).toBeGreaterThan(0);
    expect(r.getRowsJson()[0]).toEqual([want.rowCount, 0, 'BIGINT', aa, 0]);
  });
});

describe('deletion vector scans', () => {
  it('stay fast with tens of thousands of deleted rows', async () => {
    const root = join(dir, 'big');
    const writer = await DeltaWriter.create(root, {
      columns: [
        { name: 'id', type: 'long' },
        { name: 'v', type: 'double' },
      ],
    });
    await writer.appendFromQuery(conn, 'SELECT range AS id, range * 0.5 AS v FROM range(300000)');
    const snapshot = await DeltaTable.open(root).snapshot();
    const deleted = Array.from({ length: 100000 }, (_, i) => i * 3);
    const start = performance.now();
    const sql = await snapshotScanSql(
      {
        ...snapshot,
        // The loader supplies the rows; the descriptor only marks the file as having a vector.
        files: snapshot.files.map((f) => ({
          ...f,
          deletionVector: { storageType: 'i', pathOrInlineDv: '', sizeInBytes: 0, cardinality: deleted.length },
        })),
      },
      { dvLoader: async () => deleted },
    );
    const r = await conn.runAndReadAll(`SELECT count(*)::INTEGER, count_if(id % 3 = 0)::INTEGER FROM (${sql})`);
    const elapsed = performance.now() - start;
    expect(r.getRowsJson()[0]).toEqual([200000, 0]);
    expect(elapsed).toBeLessThan(5000);
  });
});
