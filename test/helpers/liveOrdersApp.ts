/**
 * The app in Chromium with one live-capable shared table, `lab.s.orders` (id, label; change data
 * feed on, history shared), served by the real sharing server from a Delta table the test appends to.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DeltaWriter } from '../../kernel/delta';
import { startSharingServer, writeProfile } from '../../kernel/sharing/server';
import { startApp } from './app';

/** `n` rows from id `from`, labelled `item <id>`. */
export const orderRows = (from: number, n: number) =>
  `SELECT (${from} + i)::BIGINT AS id, 'item ' || (${from} + i) AS label FROM range(${n}) t(i)`;

export interface LiveOrdersApp {
  conn: DuckDBConnection;
  /** Appends to the shared table: each call is a new version. */
  writer: DeltaWriter;
  page: Page;
  close(): Promise<void>;
}

export async function startLiveOrdersApp(prefix: string): Promise<LiveOrdersApp> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const conn = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
  const writer = await DeltaWriter.create(join(dir, 'orders'), {
    columns: [
      { name: 'id', type: 'long' },
      { name: 'label', type: 'string' },
    ],
    enableChangeDataFeed: true,
  });
  await writer.appendFromQuery(conn, orderRows(0, 100));
  const sharing = await startSharingServer({
    shares: [{ name: 'lab', schemas: [{ name: 's', tables: [{ name: 'orders', location: join(dir, 'orders'), historyShared: true }] }] }],
  });
  writeProfile(join(dir, 'lab.share'), sharing.url, sharing.token);
  const app = await startApp(['--profile', join(dir, 'lab.share')]);
  app.page.setDefaultTimeout(15_000);
  return {
    conn,
    writer,
    page: app.page,
    async close() {
      await app.close();
      await sharing.close();
      conn.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
