/**
 * `silt run --watch` against the real sharing server on 127.0.0.1, over a copy of a table written by
 * Databricks (simple_table_with_cdc) that gets real commits: the report is rewritten and the published
 * table appended to on each version, SIGTERM ends it with exit 0 and complete files, `--max-updates`
 * ends it by itself, and a failing update keeps the last good report and makes the exit code 1.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedTableSql, SharingClient } from '../../../kernel/sharing/client';
import { startSharingServer } from '../../../kernel/sharing/server';
import { CLI } from '../../helpers/startHost';
import { notebookJson, WatchBed } from '../../helpers/watchBed';

let bed: WatchBed;
let dir: string;
let conn: DuckDBConnection;
let profile: string;

beforeAll(async () => {
  bed = await WatchBed.start('silt-watch-', ['people', 'guarded']);
  ({ dir, conn, profile } = bed);
}, 60_000);

afterAll(() => bed?.close());

const notebook = notebookJson;
const startWatch = (args: string[], home: string, opts: { group?: boolean } = {}) => bed.run(args, { home, ...opts });

/** The numbers a report shows for `SELECT count(*) AS n, sum(id) AS total`: the first table's cells. */
function reportNumbers(path: string): string[] {
  const html = readFileSync(path, 'utf8');
  const row = /<tbody>\s*<tr>(.*?)<\/tr>/s.exec(html)?.[1] ?? '';
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
}

/** What a BI tool gets from the published table: read through a sharing server over the folder. */
async function publishedRows(workspace: string, table: string): Promise<{ version: number; rows: unknown[][] }> {
  const server = await startSharingServer({
    shares: [{ name: 'silt', schemas: [{ name: 'published', tables: [], directory: join(workspace, '.silt', 'published') }] }],
  });
  const client = SharingClient.fromProfile(JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token }));
  try {
    const ref = { share: 'silt', schema: 'published', table };
    const version = await client.tableVersion(ref);
    const { sql } = await sharedTableSql(client, ref);
    const r = await conn.runAndReadAll(`SELECT n::INTEGER, total::INTEGER FROM (${sql}) ORDER BY n`);
    return { version, rows: r.getRowsJson() };
  } finally {
    await client.close();
    await server.close();
  }
}

const append = (table: string, id: number) => bed.append(table, id);

async function baseline(table: string): Promise<[number, number]> {
  const client = SharingClient.fromProfile(readFileSync(profile, 'utf8'));
  try {
    const { sql } = await sharedTableSql(client, { share: 'lab', schema: 's', table });
    const r = await conn.runAndReadAll(`SELECT count(*)::INTEGER, sum(id)::INTEGER FROM (${sql})`);
    return r.getRowsJson()[0] as [number, number];
  } finally {
    await client.close();
  }
}

describe('silt run --watch', () => {
  it('rewrites the report and appends to the published table on each of 3 commits, then stops cleanly on SIGTERM', async () => {
    const home = mkdtempSync(join(dir, 'home-'));
    const workspace = join(dir, 'ws');
    const input = join(dir, 'people.ipynb');
    writeFileSync(
      input,
      notebook([
        { type: 'markdown', source: '# People' },
        { source: 'SELECT count(*) AS n, sum(id) AS total FROM lab.s.people', name: 'totals' },
        { language: 'typescript', source: 'console.log(`rows: ${totals.shape[0]}`)' },
      ]),
    );
    const report = join(dir, 'report.html');
    const [n0, sum0] = await baseline('people');
    const w = startWatch(
      [
        input,
        '--profile',
        profile,
        '--watch',
        '--poll',
        '0.5',
        '--to',
        'html',
        '--out',
        report,
        '--publish',
        'people_totals=totals',
        '--workspace',
        workspace,
      ],
      home,
    );
    w.child.stdin!.end();
    try {
      await w.waitLine(
        /^watching lab\.s\.people v\d+ · wrote .*report\.html · appended 1 rows to silt\.published\.people_totals v0/,
        60_000,
      );
      expect(reportNumbers(report)).toEqual([String(n0), String(sum0)]);

      const seen: string[][] = [];
      for (let k = 1; k <= 3; k++) {
        const version = await append('people', 1000 * k);
        const line = await w.waitLine(new RegExp(`^update ${k} · lab\\.s\\.people v${version} · re-ran 2 cells · wrote `));
        expect(line).toMatch(/appended 1 rows to silt\.published\.people_totals v\d+ · \d+ (ms|\.\d s)/);
        const numbers = reportNumbers(report);
        seen.push(numbers);
        // The new numbers, each time: one more row, and the ids of the commits so far added up.
        expect(numbers).toEqual([String(n0 + k), String(sum0 + (1000 * k * (k + 1)) / 2)]);
      }
      expect(new Set(seen.map((s) => s.join())).size).toBe(3);

      // The published table holds one row per delivery, first pass included, as versions 0..3.
      const published = await publishedRows(workspace, 'people_totals');
      expect(published.version).toBe(3);
      expect(published.rows).toEqual([0, 1, 2, 3].map((k) => [n0 + k, sum0 + (1000 * k * (k + 1)) / 2]));

      w.child.kill('SIGTERM');
      expect(await w.exited).toBe(0);
      expect(w.stderr()).toMatch(/Watched 3 updates, stopped; .*report\.html is complete/);
      const html = readFileSync(report, 'utf8');
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
      expect(html).toContain('rows: 1');
      // No temp file of an atomic write was left behind.
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      w.child.kill('SIGKILL');
    }
  }, 120_000);

  it('--max-updates ends it by itself; a failing update keeps the last good report and table, and exits 1', async () => {
    const home = mkdtempSync(join(dir, 'home-'));
    const workspace = join(dir, 'ws-guarded');
    const input = join(dir, 'guarded.ipynb');
    const [n0, sum0] = await baseline('guarded');
    // The guard fails once the table has two more rows than now, as a data check would.
    writeFileSync(
      input,
      notebook([
        { source: 'SELECT count(*) AS n, sum(id) AS total FROM lab.s.guarded', name: 'counts' },
        { source: `SELECT CASE WHEN n > ${n0 + 1} THEN error('too many rows: ' || n) END AS guard FROM counts` },
      ]),
    );
    const report = join(dir, 'guarded.html');
    const w = startWatch(
      [
        ...[input, '--profile', profile, '--watch', '--poll', '0.5', '--max-updates', '2', '--to', 'html', '--out', report],
        ...['--publish', 'counts_now=counts', '--publish-mode', 'replace', '--workspace', workspace],
      ],
      home,
    );
    try {
      await w.waitLine(/^watching lab\.s\.guarded/, 60_000);
      const v1 = await append('guarded', 7);
      const first = await w.waitLine(new RegExp(`^update 1 · lab\\.s\\.guarded v${v1} · re-ran 2 cells · wrote `));
      expect(first).toMatch(/replaced 1 rows to silt\.published\.counts_now v1/);
      const good = readFileSync(report, 'utf8');
      expect(reportNumbers(report)).toEqual([String(n0 + 1), String(sum0 + 7)]);
      // Replace: the table holds the latest numbers only.
      expect(await publishedRows(workspace, 'counts_now')).toEqual({ version: 1, rows: [[n0 + 1, sum0 + 7]] });

      const v2 = await append('guarded', 8);
      const line = await w.waitLine(
        new RegExp(`^update 2 · lab\\.s\\.guarded v${v2} · cell 2 failed; kept the files of the last good update`),
      );
      expect(line).toBeTruthy();
      expect(await w.exited).toBe(1);
      expect(w.stderr()).toMatch(/update 2: cell 2 \(sql\) failed: .*too many rows: /);
      expect(w.stderr()).toMatch(/Watched 2 updates, reached --max-updates 2/);
      expect(readFileSync(report, 'utf8')).toBe(good);
      expect(await publishedRows(workspace, 'counts_now')).toEqual({ version: 1, rows: [[n0 + 1, sum0 + 7]] });
    } finally {
      w.child.kill('SIGKILL');
    }
  }, 120_000);

  it.each(['SIGTERM', 'Ctrl+C'])(
    '%s during an update lets that update finish and write its files, then exits 0',
    async (how) => {
      const home = mkdtempSync(join(dir, 'home-'));
      const input = join(dir, `slow-${how}.ipynb`);
      const marker = join(dir, `slow-started-${how}.csv`);
      const [n0] = await baseline('people');
      writeFileSync(
        input,
        notebook([
          { source: 'SELECT count(*) AS n FROM lab.s.people', name: 'counted' },
          // Says the update has begun (DuckDB writes the file), then takes its time.
          { source: `COPY (SELECT n FROM counted) TO '${marker}' (HEADER false)` },
          {
            language: 'typescript',
            source: 'await new Promise((r) => setTimeout(r, 2500));\nconsole.log(`slow cell saw ${counted.shape[0]} row`)',
          },
        ]),
      );
      const report = join(dir, `slow-${how}.html`);
      const w = startWatch([input, '--profile', profile, '--watch', '--poll', '0.5', '--to', 'html', '--out', report], home, {
        group: how === 'Ctrl+C',
      });
      try {
        await w.waitLine(/^watching lab\.s\.people/, 60_000);
        const before = Number(readFileSync(marker, 'utf8').trim());
        expect(before).toBeGreaterThanOrEqual(n0);
        const version = await append('people', 5000);
        const deadline = Date.now() + 30_000;
        while (Number(readFileSync(marker, 'utf8').trim()) !== before + 1) {
          if (Date.now() > deadline) throw new Error('the update never started');
          await new Promise((r) => setTimeout(r, 20));
        }
        // The update is under way (its slow cell is running): stop now. A terminal's Ctrl+C reaches
        // every process of the group, the session's too.
        if (how === 'Ctrl+C') process.kill(-w.child.pid!, 'SIGINT');
        else w.child.kill('SIGTERM');
        expect(await w.exited).toBe(0);
        expect(w.lines.some((l) => l.startsWith(`update 1 · lab.s.people v${version} · re-ran 3 cells · wrote `))).toBe(true);
        expect(reportNumbers(report)).toEqual([String(before + 1)]);
        expect(readFileSync(report, 'utf8')).toContain('slow cell saw 1 row');
      } finally {
        w.child.kill('SIGKILL');
      }
    },
    120_000,
  );

  it('--until ends it by itself at that time, with exit 0', async () => {
    const home = mkdtempSync(join(dir, 'home-'));
    const input = join(dir, 'until.ipynb');
    writeFileSync(input, notebook([{ source: 'SELECT count(*) AS n FROM lab.s.people' }]));
    const until = new Date(Date.now() + 8000).toISOString();
    const w = startWatch(
      [input, '--profile', profile, '--watch', '--until', until, '--to', 'html', '--out', join(dir, 'until.html')],
      home,
    );
    try {
      await w.waitLine(/^watching lab\.s\.people/, 60_000);
      expect(await w.exited).toBe(0);
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
      expect(w.stderr()).toMatch(/Watched 0 updates, reached --until; .*until\.html is complete/);
    } finally {
      w.child.kill('SIGKILL');
    }
  }, 60_000);

  it('Ctrl+C in a terminal (SIGINT to the whole process group) stops cleanly with exit 0; a dashboard export stamps its tiles', async () => {
    const home = mkdtempSync(join(dir, 'home-'));
    const input = join(dir, 'ctrlc.ipynb');
    writeFileSync(input, notebook([{ source: 'SELECT count(*) AS n FROM lab.s.people' }]));
    const report = join(dir, 'ctrlc.html');
    const w = startWatch(
      [input, '--profile', profile, '--watch', '--poll', '0.5', '--to', 'html', '--layout', 'dashboard', '--out', report],
      home,
      { group: true },
    );
    try {
      const watching = await w.waitLine(/^watching lab\.s\.people/, 60_000);
      const v0 = /people v(\d+)/.exec(watching)![1];
      expect(readFileSync(report, 'utf8')).toMatch(new RegExp(`<div class="tile-stamp">lab\\.s\\.people v${v0}, committed `));
      const version = await append('people', 7000);
      await w.waitLine(new RegExp(`^update 1 · lab\\.s\\.people v${version} · re-ran 1 cell · wrote `));
      // The exported dashboard's tile says which version its numbers come from.
      expect(readFileSync(report, 'utf8')).toMatch(new RegExp(`<div class="tile-stamp">lab\\.s\\.people v${version}, committed `));
      process.kill(-w.child.pid!, 'SIGINT');
      expect(await w.exited).toBe(0);
      expect(w.stderr()).toMatch(/Watched 1 update, stopped; .*ctrlc\.html is complete/);
      expect(w.stderr()).not.toMatch(/session/i);
    } finally {
      w.child.kill('SIGKILL');
    }
  }, 60_000);

  it('silt run --help prints every option and exits 0', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'run', '--help']);
    for (const option of ['--watch', '--max-updates', '--until', '--poll', '--publish', '--allow-errors', '--layout', '--to', '--out'])
      expect(stdout).toContain(option);
    const serve = await promisify(execFile)(process.execPath, [CLI, 'serve', '--help']);
    expect(serve.stdout).toContain('--dashboard');
    for (const command of ['share', 'automl']) {
      const { stdout } = await promisify(execFile)(process.execPath, [CLI, command, '-h']);
      expect(stdout).toMatch(new RegExp(`^silt ${command} `));
    }
  });
});
