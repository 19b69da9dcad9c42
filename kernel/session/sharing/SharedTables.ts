/**
 * The session's view of Delta Sharing: the open profiles, the tables they share, and the step that
 * turns shared table names in a SQL cell into DuckDB views over downloaded (cached) files. Views are
 * recreated for every statement that names them, with that statement's predicate and limit hints,
 * so a view narrowed by hints is never reused by a query that needs more rows.
 */
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  damagedFileError,
  describeSkipped,
  formatBytes,
  SharingClient,
  sharedChangesSql,
  sharedTableSql,
  toJsonPredicate,
  type Progress,
} from '../../sharing/client';
import { parseSchema, typeString } from '../../delta';
import { quoteIdent, quoteLiteral } from '../../../common/sqlQuote';
import { splitSql } from '../../engine/splitSql';
import { findSharedRefs, UnknownSharedTableError, type KnownTable, type RefEdit, type SharedRef } from './findSharedRefs';
import { spellingsOf } from './inAnalystWords';
import { inProfile, rephrase } from './inProfile';
import { unresolvedTableNames } from './unresolvedTableNames';
import { SiltError } from '../../../common/SiltError';
import { pushdownHints, type PushdownHints } from './pushdownHints';
import { tokenizeSql } from '../../../common/sqlTokens';
import { formatTableName } from '../../../common/tableName';

/** How long a table listing is trusted before a name that is not in it triggers a fresh one. */
const LISTING_TTL_MS = 30_000;
/** How long a failed listing stands before the next statement asks that server again. */
const FAILED_LISTING_TTL_MS = 5_000;

export interface ResolveOptions {
  signal?: AbortSignal;
  /** Download progress per shared table; the label names the table and what the read skips. */
  onProgress?: (label: string, p: Progress) => void;
  /**
   * Once per shared table a read did not fully download, a line saying so ("lab.default.ticks:
   * skipped 180 of 200 files (97.0 MB)"), for the cell to keep after its progress line is gone.
   */
  onSkipped?: (line: string) => void;
  /**
   * Takes the cache holds on the files this read needs, for the caller to release when its statement
   * is done (a cell's run). Without it they go in a ring of the last two statements, which a
   * concurrent run could turn over while a long query still reads them.
   */
  hold?: (release: () => void) => void;
}

export class SharedTables {
  private clients = new Map<string, SharingClient>();
  /** Profiles the app keeps across restarts (the others came from the command line or the demo). */
  private saved = new Set<string>();
  private known: KnownTable[] = [];
  /** Why the last listing of each failed profile failed, by profile name. */
  private failures = new Map<string, SiltError>();
  private listedAt = 0;
  private columnTypes = new Map<string, Record<string, string>>();
  /**
   * Cache holds on the files of the last two statements' shared tables, one list per statement:
   * a statement's files stay out of eviction while it runs, so reading a second table never evicts
   * the first's from under the query that reads both. Two, not one: a background resolve (an AutoML
   * job's) may come between a cell's resolve and the end of its query.
   */
  private holds: (() => void)[][] = [];
  /**
   * The shared table and provider's file name of each cached file a view reads, so a statement that
   * fails inside a data page (DuckDB names only Silt's cache path) can be told as that table's file.
   */
  private readFiles = new Map<string, { profile: string; table: string; name: string }>();
  /** Set by live tables (kernel/session/live): the SELECT over a live table's local copy, if it is live. */
  liveSource: ((table: KnownTable) => string | undefined) | null = null;

  constructor(private readonly conn: DuckDBConnection) {}

  /** Adds a profile (a `.share` file path or its JSON text); returns the name SQL can qualify with. */
  addProfile(pathOrJson: string, name?: string, opts: { saved?: boolean } = {}): string {
    const client = SharingClient.fromProfile(pathOrJson);
    const base = name ?? (pathOrJson.trimStart().startsWith('{') ? 'profile' : basename(pathOrJson).replace(/\.[^.]*$/, ''));
    let unique = base.replace(/[^A-Za-z0-9_]/g, '_') || 'profile';
    for (let i = 2; this.clients.has(unique); i++) unique = `${base}_${i}`;
    this.clients.set(unique, client);
    if (opts.saved) this.saved.add(unique);
    this.listedAt = 0;
    return unique;
  }

  /** Closes a profile; its tables are no longer resolvable. */
  async removeProfile(name: string): Promise<boolean> {
    const client = this.clients.get(name);
    if (!client) return false;
    this.clients.delete(name);
    this.saved.delete(name);
    this.listedAt = 0;
    await client.close();
    return true;
  }

  profiles(): { name: string; endpoint: string; warnings: string[]; saved?: boolean }[] {
    return [...this.clients].map(([name, c]) => ({
      name,
      endpoint: c.profile.endpoint,
      warnings: c.profileWarnings(),
      ...(this.saved.has(name) ? { saved: true } : {}),
    }));
  }

  client(profile: string): SharingClient {
    const c = this.clients.get(profile);
    if (!c) throw new SiltError('not-found', `No open profile named "${profile}".`);
    return c;
  }

  /** Every table the open profiles share, listed through the protocol (paged), all profiles side by side. */
  async tables(refresh = false): Promise<KnownTable[]> {
    // A profile whose listing failed is asked again soon (the user may have fixed it), not after 30 s.
    const ttl = this.failures.size > 0 ? FAILED_LISTING_TTL_MS : LISTING_TTL_MS;
    if (!refresh && Date.now() - this.listedAt < ttl) return this.known;
    const failures = new Map<string, SiltError>();
    const listed = await Promise.all(
      [...this.clients].map(async ([profile, client]) => {
        const out: KnownTable[] = [];
        try {
          for (const share of await client.listShares()) {
            for (const t of await client.listAllTables(share.name)) {
              out.push({ profile, share: t.share, schema: t.schema, table: t.name });
            }
          }
        } catch (e) {
          // One profile's server being down or its token expired must not hide the other profiles'
          // tables; the reason is kept for a statement that names a table nobody listed.
          failures.set(profile, inProfile(profile, e, 'could not list its tables'));
        }
        return out;
      }),
    );
    this.known = listed.flat();
    this.failures = failures;
    this.listedAt = Date.now();
    return this.known;
  }

  /** Why the last listing failed, for each profile whose tables could not be listed. */
  listingFailures(): SiltError[] {
    return [...this.failures.values()];
  }

  /**
   * Rewrites the shared tables a cell names into views and creates them. Returns the SQL to run.
   * Without profiles, or when the SQL names no dotted table, it costs nothing.
   */
  async resolve(sql: string, opts: ResolveOptions = {}): Promise<string> {
    return (await this.resolveMapped(sql, opts)).sql;
  }

  /** resolve, with the names it replaced, so DuckDB's errors can be told in the analyst's text (sqlErrorInCell). */
  async resolveMapped(sql: string, opts: ResolveOptions = {}): Promise<{ sql: string; edits: RefEdit[] }> {
    if (this.clients.size === 0 || !mayNameSharedTables(sql)) return { sql, edits: [] };
    let found = await this.find(sql, await this.tables());
    // Nothing shared found, or a name beside shared tables that is not one of them: it may have been
    // shared since the last listing, so list again before reading it as local or saying it is missing.
    if ((found.refs.length === 0 || (await this.missing(found.sql)).length > 0) && Date.now() - this.listedAt > 1000) {
      found = await this.find(sql, await this.tables(true));
    }
    await this.assertNoneUnlisted(found.sql);
    await this.assertNoneMissing(found.sql);
    if (found.refs.length === 0) return { sql, edits: [] };
    for (const [view, spelled] of spellingsOf(sql, found.edits)) this.spellings.set(view, spelled);
    if (!opts.hold) {
      if (this.holds.length >= 2) for (const release of this.holds.shift()!) release();
      this.holds.push([]);
    }
    const statements = splitSql(found.sql);
    const hintable = statements.length === 1 ? await this.parse(statements[0].text) : null;
    for (const ref of found.refs) {
      const hints = hintable && !ref.changes ? pushdownHints(hintable, ref.view) : {};
      const live = ref.changes || ref.version !== undefined || ref.timestamp !== undefined ? undefined : this.liveSource?.(ref.table);
      let select: string;
      try {
        select = live ?? (await this.viewSql(ref, hints, opts));
      } catch (e) {
        throw inProfile(ref.table.profile, e);
      }
      await this.conn.run(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(ref.view)} AS ${select}`);
    }
    return { sql: found.sql, edits: found.edits };
  }

  /**
   * How the analyst last wrote the shared name of each view made so far: a message may name a view
   * an earlier cell made (DuckDB's "Did you mean …?"), not only one of the failing cell.
   */
  readonly spellings = new Map<string, string>();

  /** findSharedRefs, except that a table_changes name nobody listed is explained by a failed listing. */
  private async find(sql: string, known: KnownTable[]): Promise<ReturnType<typeof findSharedRefs>> {
    try {
      return findSharedRefs(sql, known);
    } catch (e) {
      if (e instanceof UnknownSharedTableError) throw (await this.listingFailure([e.parts])) ?? e;
      throw e;
    }
  }

  /** A statement that reads a dotted name nobody listed fails with the listing's failure, if there was one. */
  private async assertNoneUnlisted(rewritten: string): Promise<void> {
    if (this.failures.size === 0) return;
    const names = unresolvedTableNames(rewritten);
    if (names.length === 0) return;
    // Names of DuckDB's own catalogs (memory, attached files) are the user's local tables.
    const catalogs = await this.localCatalogs();
    const failure = await this.listingFailure(names.filter((n) => !catalogs.has(n[0].toLowerCase())));
    if (failure) throw failure;
  }

  /**
   * A statement that reads `share.schema.table` where the share and schema are shared but the table
   * is not (a typo) fails naming what is shared there, not with DuckDB's "Catalog "share" does not
   * exist", which sends the analyst looking for a missing share.
   */
  private async assertNoneMissing(rewritten: string): Promise<void> {
    const [first] = await this.missing(rewritten);
    if (!first) return;
    const where = first.name.slice(0, -1).join('.');
    const shown = first.beside.slice(0, 8).join(', ') + (first.beside.length > 8 ? `, and ${first.beside.length - 8} more` : '');
    throw new SiltError('not-found', `${first.name.join('.')} is not a shared table: ${where} shares ${shown}.`);
  }

  /**
   * The dotted names the statement reads whose share and schema are listed but not the table, with the
   * tables listed there; names of DuckDB's own catalogs (memory, attached files) are local tables, not these.
   */
  private async missing(rewritten: string): Promise<{ name: string[]; beside: string[] }[]> {
    const missing = unresolvedTableNames(rewritten)
      .map((name) => ({ name, beside: tablesBeside(name, this.known) }))
      .filter((m) => m.beside.length > 0);
    if (missing.length === 0) return [];
    const catalogs = await this.localCatalogs();
    return missing.filter((m) => !catalogs.has(m.name[0].toLowerCase()));
  }

  /** DuckDB's own catalogs (memory, attached files), lower case: a dotted name starting with one is a local table. */
  private async localCatalogs(): Promise<Set<string>> {
    const rows = (await this.conn.runAndReadAll('SELECT database_name FROM duckdb_databases()')).getRows();
    return new Set(rows.map((r) => String(r[0]).toLowerCase()));
  }

  /** The failure to report for these unlisted names: the profile a name starts with, else every failed profile. */
  private async listingFailure(names: string[][]): Promise<SiltError | undefined> {
    if (names.length === 0 || this.failures.size === 0) return undefined;
    const shown = names[0].join('.');
    for (const n of names) {
      const named = [...this.failures].find(([profile]) => profile.toLowerCase() === n[0].toLowerCase());
      if (named) return rephrase(named[1], `${n.join('.')} cannot be read: ${named[1].message}`);
    }
    const all = [...this.failures.values()];
    return rephrase(all[0], `${shown} cannot be read: ${all.map((f) => f.message).join('; ')}`);
  }

  private async viewSql(ref: SharedRef, hints: PushdownHints, opts: ResolveOptions): Promise<string> {
    const client = this.client(ref.table.profile);
    const tableRef = { share: ref.table.share, schema: ref.table.schema, table: ref.table.table };
    const onProgress = opts.onProgress && ((p: Progress) => opts.onProgress!(progressLabel(ref.view, p), p));
    if (ref.changes) {
      const { starting, ending } = ref.changes;
      // A bound is a version when it is a number, else a timestamp.
      const version = (b?: number | string) => (typeof b === 'number' ? b : undefined);
      const timestamp = (b?: number | string) => (typeof b === 'string' ? b : undefined);
      const { sql, paths } = await sharedChangesSql(client, tableRef, {
        startingVersion: version(starting),
        startingTimestamp: timestamp(starting),
        endingVersion: version(ending),
        endingTimestamp: timestamp(ending),
        signal: opts.signal,
      });
      this.holdFor(client, paths, opts);
      return sql;
    }
    const predicateHints = hints.where ? (toJsonPredicate(hints.where, await this.types(ref)) ?? undefined) : undefined;
    const { sql, skipped, paths, names } = await sharedTableSql(client, tableRef, {
      version: ref.version,
      timestamp: ref.timestamp === undefined ? undefined : isoTimestamp(ref.timestamp),
      predicateHints,
      limitHint: hints.limit,
      signal: opts.signal,
      onProgress,
    });
    this.holdFor(client, paths, opts);
    for (const [path, name] of names) this.readFiles.set(path, { profile: ref.table.profile, table: formatTableName(ref.table), name });
    if (skipped) opts.onSkipped?.(`${formatTableName(ref.table)}: ${describeSkipped(skipped)}`);
    return sql;
  }

  /**
   * A statement's failure `e` told as Damaged data when DuckDB names the cache path of a shared
   * table's file (damage inside a data page shows only when the query reads it, after the footer
   * was read whole); the cached copy is dropped, so a run after the provider's repair downloads it.
   */
  async damagedData(e: unknown): Promise<SiltError | undefined> {
    const message = e instanceof Error ? e.message : String(e);
    const hit = [...this.readFiles].find(([path]) => message.includes(path));
    if (!hit) return undefined;
    const [path, { profile, table, name }] = hit;
    this.readFiles.delete(path);
    const damaged = await damagedFileError(e, table, new Map([[path, name]]));
    if (damaged) await this.forgetFileContents();
    return damaged && inProfile(profile, damaged);
  }

  /**
   * Empties DuckDB's external file cache (turning it off clears it). It knows a file by path, size and
   * modification time to the second, so the copy downloaded again soon after would be read from the
   * damaged bytes it kept; it has no way to forget one file, and a damaged file is rare.
   */
  private async forgetFileContents(): Promise<void> {
    try {
      const on = (await this.conn.runAndReadAll(`SELECT current_setting('enable_external_file_cache')`)).getRows()[0]?.[0];
      if (on !== true) return;
      await this.conn.run('SET enable_external_file_cache = false');
      await this.conn.run('SET enable_external_file_cache = true');
    } catch {
      // An aborted transaction refuses statements: the copy is still dropped, and a run a second later reads it anew.
    }
  }

  /** Keeps `paths` out of every eviction for as long as the statement reading them (opts.hold, else the run's). */
  private holdFor(client: SharingClient, paths: string[], opts: ResolveOptions): void {
    const release = client.fileCache().hold(paths);
    if (opts.hold) opts.hold(release);
    else this.holds[this.holds.length - 1].push(release);
  }

  /** Column name → Delta type name, for typing predicate literals. */
  private types(ref: SharedRef): Promise<Record<string, string>> {
    return this.columnsOf(ref.table);
  }

  /** A shared table's columns and their Delta types; metadata is fetched once per table and kept. */
  async columnsOf(t: KnownTable): Promise<Record<string, string>> {
    const key = `${t.profile}\n${formatTableName(t)}`.toLowerCase();
    let types = this.columnTypes.get(key);
    if (!types) {
      const { metadata } = await this.client(t.profile).tableMetadata({ share: t.share, schema: t.schema, table: t.table });
      types = Object.fromEntries(parseSchema(metadata.schemaString).fields.map((f) => [f.name, typeString(f.type)]));
      this.columnTypes.set(key, types);
    }
    return types;
  }

  /**
   * Columns of the shared tables, for completion: what is already known plus what the servers answer
   * within `budgetMs` (metadata calls run side by side; a slow server only costs its own tables).
   */
  async columns(opts: { maxTables?: number; budgetMs?: number } = {}): Promise<{ table: KnownTable; columns: Record<string, string> }[]> {
    const tables = (await this.tables().catch(() => [] as KnownTable[])).slice(0, opts.maxTables ?? 100);
    const out: { table: KnownTable; columns: Record<string, string> }[] = [];
    const fetches = tables.map((table) =>
      this.columnsOf(table).then(
        (columns) => void out.push({ table, columns }),
        () => undefined,
      ),
    );
    await Promise.race([Promise.all(fetches), new Promise((r) => setTimeout(r, opts.budgetMs ?? 1500).unref())]);
    return [...out];
  }

  private async parse(statement: string): Promise<Record<string, unknown> | null> {
    try {
      const r = await this.conn.runAndReadAll(`SELECT json_serialize_sql(${quoteLiteral(statement)})`);
      const json = JSON.parse(String(r.getRowsJson()[0][0]));
      return json.error ? null : (json.statements?.[0]?.node ?? null);
    } catch {
      return null; // no hints is always correct
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close()));
  }
}

/**
 * "20 of 200 files of lab.default.ticks, skipped 180 (97.0 MB)": the counts lead, as the cell's
 * progress line is narrow and cuts the end of a long label.
 */
function progressLabel(view: string, p: Progress): string {
  if (!p.skipped) return view;
  const { files, of, bytes } = p.skipped;
  return `${of - files} of ${of} file${of === 1 ? '' : 's'} of ${view}, skipped ${files} (${formatBytes(bytes)})`;
}

/** Cheap pre-check: a dotted name of three or more parts, or table_changes, somewhere outside strings. */
function mayNameSharedTables(sql: string): boolean {
  const code = tokenizeSql(sql).filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  return code.some(
    (t, i) => (t.kind === 'ident' && t.value.toLowerCase() === 'table_changes') || (code[i + 1]?.text === '.' && code[i + 3]?.text === '.'),
  );
}

/** `2026-01-01` and `2026-01-01 10:00` become full ISO-8601 UTC instants, as the protocol wants. */
function isoTimestamp(s: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return `${s}T00:00:00Z`;
  const d = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`"${s}" is not a timestamp; write it like '2026-01-01T10:00:00Z'.`);
  return d.toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * The tables shared beside the one `parts` names (share.schema.table, or profile.share.schema.table),
 * when its share and schema are listed but it is not; empty otherwise.
 */
function tablesBeside(parts: string[], known: KnownTable[]): string[] {
  const p = parts.map((x) => x.toLowerCase());
  const table = p[p.length - 1];
  const place = (t: KnownTable) =>
    p.length === 3
      ? t.share.toLowerCase() === p[0] && t.schema.toLowerCase() === p[1]
      : p.length === 4 && t.profile.toLowerCase() === p[0] && t.share.toLowerCase() === p[1] && t.schema.toLowerCase() === p[2];
  const beside = known.filter(place);
  if (beside.some((t) => t.table.toLowerCase() === table)) return [];
  return [...new Set(beside.map((t) => t.table))].sort();
}
