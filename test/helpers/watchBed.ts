/**
 * What the `silt run --watch` tests share: copies of a table written by Databricks
 * (simple_table_with_cdc) served by the real sharing server on 127.0.0.1, a profile for it, real
 * commits onto a copy, notebooks written to disk, and the built CLI run as a child process whose
 * stdout lines are collected as they come.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeltaWriter } from '../../kernel/delta';
import { sharedTableSql, SharingClient } from '../../kernel/sharing/client';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../kernel/sharing/server';
import { SHARED } from './shared';
import { CLI } from './startHost';
import { notebookJson, type NotebookCell } from './notebookJson';

export { notebookJson };

export interface WatchRun {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
  /** The first stdout line matching `re`; fails naming what came when the run ends or the time runs out. */
  waitLine(re: RegExp, timeoutMs?: number): Promise<string>;
  stderr(): string;
}

export class WatchBed {
  private constructor(
    readonly dir: string,
    readonly conn: DuckDBConnection,
    readonly sharing: RunningSharingServer,
    /** The profile file of share `lab`, schema `s`, holding the tables asked for. */
    readonly profile: string,
  ) {}

  /** Each of `tables` a copy of simple_table_with_cdc, shared with history and change data feed as `lab.s.<name>`. */
  static async start(prefix: string, tables: string[]): Promise<WatchBed> {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const conn = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
    for (const t of tables) cpSync(join(SHARED, 'data', 'delta', 'simple_table_with_cdc'), join(dir, t), { recursive: true });
    const sharing = await startSharingServer({
      shares: [
        {
          name: 'lab',
          schemas: [
            { name: 's', tables: tables.map((name) => ({ name, location: join(dir, name), historyShared: true, cdfEnabled: true })) },
          ],
        },
      ],
    });
    const profile = join(dir, 'lab.share');
    writeProfile(profile, sharing.url, sharing.token);
    return new WatchBed(dir, conn, sharing, profile);
  }

  async close(): Promise<void> {
    await this.sharing.close();
    this.conn.closeSync();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Commits one row (`id`, `'name <id>'`) to a table's copy; resolves to the new version. */
  async append(table: string, id: number): Promise<number> {
    return (await DeltaWriter.open(join(this.dir, table))).appendFromQuery(this.conn, `SELECT ${id}::INTEGER AS id, 'name ${id}' AS name`);
  }

  /** Writes a notebook of these cells to `file` in the bed's folder; returns its path. */
  writeNotebook(file: string, cells: NotebookCell[]): string {
    const path = join(this.dir, file);
    writeFileSync(path, notebookJson(cells));
    return path;
  }

  /** Rows of `select` with `$T` standing for a shared table read through `client`. */
  async query<T>(client: SharingClient, ref: { share: string; schema: string; table: string }, select: string): Promise<T[]> {
    const { sql } = await sharedTableSql(client, ref);
    return (await this.conn.runAndReadAll(select.replace('$T', `(${sql})`))).getRowsJS() as T[];
  }

  /**
   * `silt run ARGS` from the built CLI, in the bed's folder, with a fresh SILT_HOME unless one is given.
   * `group`: its own process group, so a test can send what a terminal's Ctrl+C sends (SIGINT to all of it).
   */
  run(args: string[], opts: { home?: string; group?: boolean } = {}): WatchRun {
    const home = opts.home ?? mkdtempSync(join(this.dir, 'home-'));
    const child = spawn(process.execPath, [CLI, 'run', ...args], {
      cwd: this.dir,
      env: { ...process.env, SILT_HOME: home },
      stdio: 'pipe',
      detached: opts.group ?? false,
    });
    child.stdin!.end();
    const lines: string[] = [];
    let stderr = '';
    let buf = '';
    let ended = false;
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      lines.push(...parts);
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('close', (code) => {
        ended = true;
        if (buf) lines.push(buf);
        resolve(code);
      }),
    );
    const waitLine = async (re: RegExp, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = lines.find((l) => re.test(l));
        if (hit) return hit;
        const why = ended ? 'silt run ended' : Date.now() > deadline ? `${timeoutMs} ms passed` : null;
        if (why) throw new Error(`${why} without a line ${re}; stdout: ${lines.join('\n')}\nstderr: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    return { child, lines, exited, waitLine, stderr: () => stderr };
  }
}
