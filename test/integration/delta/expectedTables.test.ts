/**
 * Every table in ../shared/data/delta, at every version expected.json lists, read through our
 * reader and compared with the figures an independent log replay produced.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesScanSql, DeltaTable, DeltaTableError, parseSchema, snapshotScanSql, typeString } from '../../../kernel/delta';
import type { DeltaSnapshot } from '../../../kernel/delta';
import { DATA, expectedTables, filesSha256 } from './expectedData';
import { checksumSql } from '../../helpers/checksumSql';

const tables = expectedTables;

let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
});

const opened = new Map<string, DeltaTable>();
function table(name: string): DeltaTable {
  if (!opened.has(name)) opened.set(name, DeltaTable.open(join(DATA, name)));
  return opened.get(name)!;
}

async function checksums(sql: string, snapshot: DeltaSnapshot, wanted: Record<string, unknown>) {
  const types = new Map(parseSchema(snapshot.metadata.schemaString).fields.map((f) => [f.name, f.type]));
  const keys = Object.keys(wanted);
  const aggregates = keys.map((k, i) => {
    const dot = k.lastIndexOf('.');
    return `${checksumSql(k.slice(0, dot), k.slice(dot + 1), types.get(k.slice(0, dot))!)} AS m${i}`;
  });
  const reader = await conn.runAndReadAll(`SELECT count(*) AS n${aggregates.map((a) => `, ${a}`).join('')} FROM (${sql})`);
  const row = reader.getRowsJson()[0];
  return { rowCount: Number(row[0]), values: Object.fromEntries(keys.map((k, i) => [k, row[i + 1]])), types };
}

for (const [name, info] of Object.entries(tables)) {
  describe(name, () => {
    if (info.expectError) {
      it(`refuses the latest version: ${info.expectError}`, async () => {
        const err = await table(name)
          .snapshot()
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DeltaTableError);
        expect((err as DeltaTableError).table).toContain(name);
        const reason = info.expectErrorDetail ?? info.expectError;
        const key = /missing commit (\d+)/.exec(reason)?.[0] ?? /minReaderVersion \d+/.exec(reason)![0];
        expect((err as Error).message).toContain(key);
        expect((err as Error).message).toContain(name);
      });
    }
    for (const [version, v] of Object.entries<any>(info.versions)) {
      if (v.expectError) continue; // the table-level case above covers it
      it(`version ${version}: protocol, metadata, files${v.data.available ? ', rows, checksums' : ''}`, async () => {
        const snapshot = await table(name).snapshot({ version: Number(version) });
        expect(snapshot.version).toBe(Number(version));
        expect(snapshot.protocol).toEqual(v.protocol);
        expect(snapshot.metadata.id).toBe(v.metadata.id);
        expect(snapshot.metadata.partitionColumns).toEqual(v.metadata.partitionColumns);
        expect(snapshot.metadata.configuration).toEqual(v.metadata.configuration);
        const schema = snapshot.metadata.schemaString
          ? parseSchema(snapshot.metadata.schemaString).fields.map((f) => `${f.name}:${typeString(f.type)}`)
          : null;
        expect(schema).toEqual(v.metadata.schema);
        expect(snapshot.files.length).toBe(v.numFiles);
        expect(snapshot.files.reduce((s, f) => s + f.size, 0)).toBe(v.sizeBytes);
        expect(filesSha256(snapshot)).toBe(v.filesSha256);
        expect(snapshot.files.reduce((s, f) => s + (f.deletionVector?.cardinality ?? 0), 0)).toBe(v.dvCardinality);
        if (v.commitInfoTimestamp !== undefined) expect(snapshot.timestamp).toBe(v.commitInfoTimestamp);

        if (!v.data.available) {
          if (v.data.missingDataFiles) {
            await expect(snapshotScanSql(snapshot)).rejects.toThrow(/data file\(s\) missing/);
          }
          return;
        }
        const sql = await snapshotScanSql(snapshot);
        const got = await checksums(sql, snapshot, v.data.checksums);
        expect(got.rowCount).toBe(v.data.rowCount);
        for (const [key, want] of Object.entries<any>(v.data.checksums)) {
          const value = got.values[key];
          const column = key.slice(0, key.lastIndexOf('.'));
          if (key.endsWith('.sum') && /^(float|double)$/.test(typeString(got.types.get(column)!))) {
            expect(Number(value), key).toBeCloseTo(Number(want), 3);
          } else {
            expect(value, key).toEqual(want);
          }
        }
      });
    }
    for (const [version, c] of Object.entries<any>(info.cdf ?? {})) {
      it(`change data feed of version ${version} (${c.source})`, async () => {
        const v = Number(version);
        if (c.missingFiles) {
          await expect(changesScanSql(table(name), v, v)).rejects.toThrow(/data file\(s\) missing/);
          return;
        }
        const sql = await changesScanSql(table(name), v, v);
        const key = `"${c.keyColumn}"`;
        const reader = await conn.runAndReadAll(
          `SELECT _change_type, count(*)::INTEGER, sum(${key})::VARCHAR, list(${key}::BIGINT ORDER BY ${key})::VARCHAR,
                  min(_commit_version)::INTEGER, max(_commit_version)::INTEGER, max(epoch_ms(_commit_timestamp))::BIGINT::VARCHAR
           FROM (${sql}) GROUP BY _change_type`,
        );
        const rows = reader.getRowsJson() as string[][];
        const counts = Object.fromEntries(rows.map((r) => [r[0], r[1]]));
        const sums = Object.fromEntries(rows.map((r) => [r[0], r[2]]));
        const keys = Object.fromEntries(rows.map((r) => [r[0], JSON.parse(r[3])]));
        expect(counts).toEqual(c.counts);
        expect(sums).toEqual(c.keySums);
        expect(keys).toEqual(Object.fromEntries(Object.entries<number[]>(c.keys).map(([k, l]) => [k, [...l].sort((a, b) => a - b)])));
        for (const r of rows) {
          expect([r[4], r[5]]).toEqual([v, v]);
          if (c.commitInfoTimestamp !== undefined) expect(Number(r[6])).toBe(c.commitInfoTimestamp);
        }
      });
    }
  });
}

describe('tables without a protocol or metaData action', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'silt-delta-neg-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [action, reason] of [
    ['protocol', /no protocol action/],
    ['metaData', /no metaData action/],
  ] as const) {
    it(`refuses a log with no ${action}`, async () => {
      const root = join(dir, `no-${action}`);
      cpSync(join(DATA, 'simple_table'), root, { recursive: true });
      const first = join(root, '_delta_log', '00000000000000000000.json');
      const kept = readFileSync(first, 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith(`{"${action}"`));
      writeFileSync(first, kept.join('\n'));
      const err = await DeltaTable.open(root)
        .snapshot({ version: 0 })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeltaTableError);
      expect((err as Error).message).toMatch(reason);
      expect((err as Error).message).toContain(root);
    });
  }
});
