import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parseSchema } from '../../../kernel/delta';
import { startSharingServer } from '../../../kernel/sharing/server';
import { SHARED } from '../../helpers/shared';
import { checksumSql } from '../../helpers/checksumSql';

export const DATA = `${SHARED}/data/delta`;
export const expected: Record<string, any> = JSON.parse(readFileSync(join(DATA, 'expected.json'), 'utf8')).tables;
export const SHARE = 'golden.tables';
export const SCHEMA = 'delta';

/** The built-in server sharing every table folder under DATA (history shared, so time travel works). */
export function startGoldenServer(opts: { urlExpirySeconds?: number } = {}) {
  const tables = readdirSync(DATA)
    .filter((n) => statSync(join(DATA, n)).isDirectory())
    .map((name) => ({ name, location: join(DATA, name), historyShared: true }));
  return startSharingServer({ shares: [{ name: SHARE, schemas: [{ name: SCHEMA, tables }] }], urlExpirySeconds: opts.urlExpirySeconds });
}

export function profileFor(server: { url: string; token: string }): string {
  return JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token });
}

/** Tables expected.json says cannot be read at their latest version. */
export function isExpectedFailure(t: any): boolean {
  return Boolean(t.expectError) || t.versions[String(t.latestVersion)]?.data?.available === false;
}

/** Row count and checksums of the rows `sql` returns, keyed like expected.json. */
export async function measure(conn: DuckDBConnection, sql: string, schemaString: string, wanted: Record<string, unknown>) {
  const types = new Map(parseSchema(schemaString).fields.map((f) => [f.name, f.type]));
  const keys = Object.keys(wanted);
  const parts = ['count(*)::BIGINT'];
  for (const k of keys) {
    const dot = k.lastIndexOf('.');
    parts.push(checksumSql(k.slice(0, dot), k.slice(dot + 1), types.get(k.slice(0, dot))!));
  }
  const row = (await conn.runAndReadAll(`SELECT ${parts.join(', ')} FROM (${sql})`)).getRows()[0];
  const got: Record<string, unknown> = {};
  keys.forEach((k, i) => {
    const v = row[i + 1];
    got[k] = typeof v === 'bigint' ? Number(v) : v;
  });
  return { rowCount: Number(row[0]), checksums: got };
}

const made: string[] = [];
/** A fresh temp folder (cache dirs), removed by removeTempDirs(). */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}
