/**
 * A live-table test bed: Delta tables in a temp folder written by DeltaWriter, served by the built-in
 * sharing server on 127.0.0.1 (restartable on the same port), and a real Session whose notices are
 * collected. `freshChecksum` reads the table in full through a separate client, to compare with
 * what the session's local copy says.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeltaWriter } from '../../../kernel/delta';
import type { SessionNoticeBody, TableOutput } from '../../../kernel/protocol';
import { Session } from '../../../kernel/session/Session';
import { sharedTableSql, SharingClient } from '../../../kernel/sharing/client';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';

export const SHARE = 'live';
export const SCHEMA = 's';
/** Rows: id, k (a repeating label, so there are equal rows), v. */
export const COLUMNS = [
  { name: 'id', type: 'long' },
  { name: 'k', type: 'string' },
  { name: 'v', type: 'double' },
];
export const CHECKSUM = `count(*)::INTEGER AS n, coalesce(sum(hash(id, k, v)::HUGEINT), 0)::VARCHAR AS h`;

export class LiveBed {
  readonly notices: SessionNoticeBody[] = [];
  /** Every run's progress line, as the window would show it. */
  readonly progress: { runId: string; label: string; done: number; total: number | null; unit?: string }[] = [];
  server!: RunningSharingServer;
  session!: Session;
  writers: Record<string, DeltaWriter> = {};
  private port = 0;
  private token = 'live-test-token';
  private runs = 0;

  private constructor(
    readonly dir: string,
    readonly conn: DuckDBConnection,
    private readonly tables: { name: string; cdf: boolean; history?: boolean }[],
    private readonly verifier: SharingClient[] = [],
  ) {}

  static async create(tables: { name: string; cdf: boolean; rows: string; history?: boolean }[]): Promise<LiveBed> {
    const dir = mkdtempSync(join(tmpdir(), 'silt-live-'));
    const conn = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
    const bed = new LiveBed(dir, conn, tables);
    for (const t of tables) {
      const w = await DeltaWriter.create(join(dir, t.name), { columns: COLUMNS, enableChangeDataFeed: t.cdf });
      await w.appendFromQuery(conn, t.rows);
      bed.writers[t.name] = w;
    }
    await bed.startServer();
    const profile = JSON.stringify({ shareCredentialsVersion: 1, endpoint: bed.server.url, bearerToken: bed.token });
    bed.session = await Session.create({
      workspace: dir,
      emit: () => {},
      notify: (n) => bed.notices.push(n),
      progress: (runId, label, done, total, unit) => bed.progress.push({ runId, label, done, total, unit }),
      profiles: [profile],
    });
    return bed;
  }

  /** (Re)starts the server; after the first start, on the same port with the same token. */
  async startServer(): Promise<void> {
    this.server = await startSharingServer({
      port: this.port,
      bearerToken: this.token,
      shares: [
        {
          name: SHARE,
          schemas: [
            {
              name: SCHEMA,
              tables: this.tables.map((t) => ({
                name: t.name,
                location: join(this.dir, t.name),
                historyShared: t.history ?? true,
                cdfEnabled: t.cdf,
              })),
            },
          ],
        },
      ],
    });
    this.port = this.server.port;
  }

  name(table: string): string {
    return `${SHARE}.${SCHEMA}.${table}`;
  }

  /** Runs a cell in the session; returns the first table output's first row, or the error. */
  async run(code: string, language: 'sql' | 'typescript' = 'sql', cellId?: string) {
    const r = await this.session.execute({ runId: `r${++this.runs}`, language, code, cellId });
    const table = r.outputs.find((o): o is TableOutput => o.kind === 'table');
    const error = r.outputs.find((o) => o.kind === 'error');
    return { status: r.status, row: table?.rows[0], error: error && 'message' in error ? error.message : undefined, outputs: r.outputs };
  }

  /** The session's view (through the live copy) as [count, hash]. */
  async sessionChecksum(table: string): Promise<unknown[]> {
    const { row, error } = await this.run(`SELECT ${CHECKSUM} FROM ${this.name(table)}`);
    if (error) throw new Error(error);
    return row!;
  }

  /** A full, fresh read of the table through the protocol by a client of its own. */
  async freshChecksum(table: string): Promise<unknown[]> {
    const client = SharingClient.fromProfile(
      JSON.stringify({ shareCredentialsVersion: 1, endpoint: this.server.url, bearerToken: this.token }),
    );
    this.verifier.push(client);
    const { sql } = await sharedTableSql(client, { share: SHARE, schema: SCHEMA, table });
    const r = await this.conn.runAndReadAll(`SELECT ${CHECKSUM} FROM (${sql})`);
    return r.getRowsJson()[0];
  }

  /** Waits for a notice matching `pred` that arrived after index `from`. */
  async waitFor<T extends SessionNoticeBody>(pred: (n: SessionNoticeBody) => n is T, from = 0, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.notices.slice(from).find(pred);
      if (hit) return hit;
      if (Date.now() > deadline)
        throw new Error(`no matching notice within ${timeoutMs} ms; got ${JSON.stringify(this.notices.slice(from))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    await this.session.live.close();
    await this.session.shared.close();
    await this.session.engine.close();
    for (const c of this.verifier) await c.close();
    await this.server.close().catch(() => undefined);
    this.conn.closeSync();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

type Update = Extract<SessionNoticeBody, { type: 'live.update' }>;
type Status = Extract<SessionNoticeBody, { type: 'live.status' }>;

export const updateTo =
  (table: string, version: number) =>
  (n: SessionNoticeBody): n is Update =>
    n.type === 'live.update' && n.table.endsWith(table) && n.version === version;

export const statusOf =
  (table: string, state: Status['state']) =>
  (n: SessionNoticeBody): n is Status =>
    n.type === 'live.status' && n.table.endsWith(table) && n.state === state;

/** `n` rows: ids from `from`, labels cycling through 5 values, so rows repeat on (k, v). */
export function rowsSql(from: number, n: number): string {
  return `SELECT (${from} + i)::BIGINT AS id, 'k' || ((${from} + i) % 5) AS k, ((${from} + i) % 3)::DOUBLE AS v FROM range(${n}) t(i)`;
}
