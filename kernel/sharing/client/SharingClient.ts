import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { capabilitiesHeader, type ResponseFormat } from './capabilities';
import { FileCache, type Eviction } from './FileCache';
import { downloadFile, type DownloadOptions } from './downloadFile';
import { HttpCore, type HttpOptions } from './HttpCore';
import type { JsonPredicate } from './jsonPredicate';
import { parseProfile, profileWarnings, type SharingProfile } from './profile';
import { readTablePage, tableVersionHeader, type TablePage } from './readTablePage';
import { protocolError, SharingError } from './SharingError';
import { enc, isoTimestamp, refName, tablePath } from './tableRef';
import type { QueryResult, Schema, Share, SharedFile, SharedMetadata, SharedProtocol, Table, TableRef } from './types';
import { listAll, readJson, truncateShare } from './listPages';
import { pollAsyncQuery, queryInfo } from './pollAsyncQuery';

export interface SharingClientOptions extends HttpOptions {
  /**
   * Where downloaded files are kept: else the app's one cache folder when `silt serve`/`silt run` set
   * SILT_CACHE_DIR (cacheFolder.ts), else a temp folder removed by close().
   */
  cacheDir?: string;
  /** A fixed cache limit in bytes (default: cacheCap.ts at each eviction: the settings, SILT_CACHE_MAX or the disk's). */
  cacheMaxBytes?: number;
  /** Hears what each eviction removed (default: a line on stderr). */
  onCacheEvict?: (e: Eviction) => void;
  /** Parallel file downloads (default 8). */
  concurrency?: number;
  /** Files per /query page (default 1000). */
  maxFilesPerPage?: number;
  /** Response formats to ask for (default delta,parquet). */
  formats?: ResponseFormat[];
  /** Send `fileidhash` and check the echo (checklist 56). */
  fileIdHash?: 'parquet' | 'delta';
  /**
   * Ask /query for an asynchronous answer (`asyncquery=true` + an idempotency key, checklist 55);
   * default true. Servers that do not do async answer as usual, and either way is handled.
   */
  asyncQuery?: boolean;
}

export interface QueryOptions {
  predicateHints?: string[];
  jsonPredicateHints?: JsonPredicate;
  limitHint?: number;
  version?: number;
  timestamp?: string | number | Date;
  startingVersion?: number;
  endingVersion?: number;
  /** From an earlier latest-snapshot answer: the same files again with fresh URLs (checklist 48). */
  refreshToken?: string;
  signal?: AbortSignal;
}

export interface ChangesOptions {
  startingVersion?: number;
  endingVersion?: number;
  startingTimestamp?: string | number | Date;
  endingTimestamp?: string | number | Date;
  includeHistoricalMetadata?: boolean;
  signal?: AbortSignal;
}

/** A Delta Sharing REST client for one profile. */
export class SharingClient {
  readonly http: HttpCore;
  private cache?: FileCache;
  private tempCacheDir?: string;
  private readonly cacheMaxBytes?: number;
  private readonly onCacheEvict?: (e: Eviction) => void;
  private readonly env: NodeJS.ProcessEnv;
  readonly concurrency: number;
  declare readonly profile: SharingProfile;
  private readonly maxFiles: number;
  private readonly formats: ResponseFormat[];
  private readonly fileIdHash?: 'parquet' | 'delta';
  private readonly asyncQuery: boolean;

  constructor(profile: SharingProfile, opts: SharingClientOptions = {}) {
    Object.defineProperty(this, 'profile', { value: profile, enumerable: false });
    this.http = new HttpCore(profile, opts);
    this.env = opts.env ?? process.env;
    const cacheDir = opts.cacheDir ?? this.env.SILT_CACHE_DIR;
    this.cache = cacheDir ? new FileCache(cacheDir, opts.cacheMaxBytes, opts.onCacheEvict, this.env, profile.endpoint) : undefined;
    this.cacheMaxBytes = opts.cacheMaxBytes;
    this.onCacheEvict = opts.onCacheEvict;
    this.concurrency = opts.concurrency ?? 8;
    this.maxFiles = opts.maxFilesPerPage ?? 1000;
    this.formats = opts.formats ?? ['delta', 'parquet'];
    this.fileIdHash = opts.fileIdHash;
    this.asyncQuery = opts.asyncQuery ?? true;
  }

  /** A client from a profile file path or the profile's JSON text. */
  static fromProfile(pathOrJson: string, opts?: SharingClientOptions): SharingClient {
    return new SharingClient(parseProfile(pathOrJson), opts);
  }

  /** Human warnings about the profile (e.g. "expires in 3 days"). */
  profileWarnings(): string[] {
    return profileWarnings(this.profile);
  }

  listShares(signal?: AbortSignal): Promise<Share[]> {
    return listAll<Share>(this.http, '/shares', 'listing shares', signal).then((s) => s.map(truncateShare));
  }
  async getShare(share: string, signal?: AbortSignal): Promise<Share> {
    const what = `reading share ${share}`;
    const path = `/shares/${enc(share)}`;
    const read = async () => readJson(await this.http.call(path, { what, signal }), what);
    const json = await this.http.withRetries(what, signal, read);
    const got = (json as { share?: Share }).share;
    if (!got || typeof got !== 'object') throw protocolError(`${what}: the answer has no share`);
    return truncateShare(got);
  }
  listSchemas(share: string, signal?: AbortSignal): Promise<Schema[]> {
    return listAll<Schema>(this.http, `/shares/${enc(share)}/schemas`, `listing schemas of ${share}`, signal);
  }
  listTables(share: string, schema: string, signal?: AbortSignal): Promise<Table[]> {
    return listAll<Table>(this.http, `/shares/${enc(share)}/schemas/${enc(schema)}/tables`, `listing tables of ${share}.${schema}`, signal);
  }
  listAllTables(share: string, signal?: AbortSignal): Promise<Table[]> {
    return listAll<Table>(this.http, `/shares/${enc(share)}/all-tables`, `listing tables of ${share}`, signal);
  }

  /** Current version, or the earliest version committed at/after `startingTimestamp` (checklist 13). */
  async tableVersion(ref: TableRef, opts: { startingTimestamp?: string | number | Date; signal?: AbortSignal } = {}): Promise<number> {
    const what = `reading the version of ${refName(ref)}`;
    const query = { startingTimestamp: opts.startingTimestamp === undefined ? undefined : isoTimestamp(opts.startingTimestamp) };
    const res = await this.http.callWithRetries(`${tablePath(ref)}/version`, { what, query, signal: opts.signal });
    await res.body.dump();
    return tableVersionHeader(res, what);
  }

  /** Protocol and metaData at the latest version, a version, or a timestamp (checklist 14, 16). */
  async tableMetadata(
    ref: TableRef,
    opts: { version?: number; timestamp?: string | number | Date; signal?: AbortSignal } = {},
  ): Promise<{ version: number; format: ResponseFormat; protocol: SharedProtocol; metadata: SharedMetadata }> {
    if (opts.version !== undefined && opts.timestamp !== undefined) throw usage('give either a version or a timestamp, not both');
    const what = `reading the metadata of ${refName(ref)}`;
    const query = { version: opts.version, timestamp: opts.timestamp === undefined ? undefined : isoTimestamp(opts.timestamp) };
    const page = await this.http.withRetries(what, opts.signal, async () => {
      const res = await this.http.call(`${tablePath(ref)}/metadata`, { what, query, headers: this.headers(), signal: opts.signal });
      return readTablePage(res, this.formats, refName(ref), what);
    });
    if (!page.protocol || page.metadata.length !== 1 || page.files.length > 0) {
      throw protocolError(`${what}: expected exactly a protocol and a metaData line`);
    }
    assertUrlAccess(page.metadata[0], ref);
    return { version: page.version, format: page.format, protocol: page.protocol, metadata: page.metadata[0] };
  }

  /**
   * POST /query, following pages (maxFiles + pageToken, checklist 54) and async query status (55).
   * The NDJSON is parsed as it streams; the result holds only the parsed actions.
   */
  async queryTable(ref: TableRef, opts: QueryOptions = {}): Promise<QueryResult> {
    const set = [opts.version, opts.timestamp, opts.startingVersion].filter((v) => v !== undefined).length;
    if (set > 1) throw usage('give at most one of version, timestamp and startingVersion'); // checklist 14
    if (opts.endingVersion !== undefined && opts.startingVersion === undefined) throw usage('endingVersion needs startingVersion');
    const latest = set === 0;
    const body: Record<string, unknown> = {};
    if (opts.predicateHints?.length) body.predicateHints = opts.predicateHints;
    if (opts.jsonPredicateHints) body.jsonPredicateHints = JSON.stringify(opts.jsonPredicateHints); // checklist 20
    if (opts.limitHint !== undefined) body.limitHint = Math.trunc(opts.limitHint); // checklist 24
    if (opts.version !== undefined) body.version = opts.version;
    if (opts.timestamp !== undefined) body.timestamp = isoTimestamp(opts.timestamp);
    if (opts.startingVersion !== undefined) body.startingVersion = opts.startingVersion;
    if (opts.endingVersion !== undefined) body.endingVersion = opts.endingVersion;
    // Checklist 19: the body is never empty because paging is always requested (maxFiles > 0, checklist 54).
    body.maxFiles = this.maxFiles;
    // Checklist 55: one key per query, so a retried request finds the query the server already started.
    if (this.asyncQuery) body.idempotencyKey = randomUUID();
    const headers = this.headers(this.asyncQuery);
    const what = `querying ${refName(ref)}`;
    return this.pages(ref, what, opts.signal, opts.endingVersion, (pageToken) => {
      const b = { ...body };
      // Checklist 48: refresh tokens only for latest-snapshot reads, and never with a pageToken.
      if (pageToken) b.pageToken = pageToken;
      else if (opts.refreshToken && latest) b.refreshToken = opts.refreshToken;
      else if (latest) b.includeRefreshToken = true;
      return this.http.call(`${tablePath(ref)}/query`, { method: 'POST', body: b, what, headers, signal: opts.signal });
    });
  }

  /** GET /changes: change data feed between versions or timestamps, both ends inclusive (checklist 44). */
  async tableChanges(ref: TableRef, opts: ChangesOptions): Promise<QueryResult> {
    if ((opts.startingVersion === undefined) === (opts.startingTimestamp === undefined)) {
      throw usage('give exactly one of startingVersion and startingTimestamp');
    }
    if (opts.endingVersion !== undefined && opts.endingTimestamp !== undefined)
      throw usage('give at most one of endingVersion and endingTimestamp');
    const what = `reading changes of ${refName(ref)}`;
    const query: Record<string, string | number | boolean | undefined> = {
      startingVersion: opts.startingVersion,
      endingVersion: opts.endingVersion,
      startingTimestamp: opts.startingTimestamp === undefined ? undefined : isoTimestamp(opts.startingTimestamp),
      endingTimestamp: opts.endingTimestamp === undefined ? undefined : isoTimestamp(opts.endingTimestamp),
      includeHistoricalMetadata: opts.includeHistoricalMetadata,
    };
    return this.pages(ref, what, opts.signal, opts.endingVersion, (pageToken) =>
      this.http.call(`${tablePath(ref)}/changes`, { what, query: { ...query, pageToken }, headers: this.headers(), signal: opts.signal }),
    );
  }

  /** Downloads one file (cache first when a cache is configured); see downloadFile. */
  download(file: SharedFile, dest: string, opts: DownloadOptions = {}): Promise<void> {
    return downloadFile(this.http, file, dest, opts);
  }

  /** The file cache; created in a temp folder on first use when no cacheDir was given. */
  fileCache(): FileCache {
    if (!this.cache) {
      this.tempCacheDir = mkdtempSync(join(tmpdir(), 'silt-sharing-'));
      this.cache = new FileCache(this.tempCacheDir, this.cacheMaxBytes, this.onCacheEvict, this.env, this.profile.endpoint);
    }
    return this.cache;
  }

  async close(): Promise<void> {
    await this.http.close();
    if (this.tempCacheDir) rmSync(this.tempCacheDir, { recursive: true, force: true });
  }

  toString(): string {
    return `SharingClient(${this.profile.endpoint})`;
  }
  [inspect.custom](): string {
    return this.toString();
  }

  private headers(asyncQuery = false): Record<string, string> {
    const h: Record<string, string> = { 'delta-sharing-capabilities': capabilitiesHeader(this.formats, asyncQuery) };
    if (this.fileIdHash) h.fileidhash = this.fileIdHash;
    return h;
  }

  private async pages(
    ref: TableRef,
    what: string,
    signal: AbortSignal | undefined,
    endingVersion: number | undefined,
    /** One attempt at one page: retried here, with the reading of its body, and nowhere else. */
    fetchPage: (pageToken?: string) => ReturnType<HttpCore['call']>,
  ): Promise<QueryResult> {
    let result: QueryResult | undefined;
    let pageToken: string | undefined;
    let asyncQueryId: string | undefined;
    const seen = new Set<string>();
    do {
      // An async query's later pages come from its status endpoint, with the same maxFiles (checklist 55).
      const fetch = (token?: string) =>
        asyncQueryId === undefined
          ? fetchPage(token)
          : queryInfo(this.http, ref, asyncQueryId, { maxFiles: this.maxFiles, pageToken: token }, this.headers(), signal);
      // A page is retried as a whole: a cut stream (no EndStreamAction) is retryable (checklist 51).
      let page: TablePage = await this.http.withRetries(what, signal, async () => {
        const res = await fetch(pageToken);
        this.checkFileIdHash(res.headers.fileidhash, what);
        return readTablePage(res, this.formats, refName(ref), what);
      });
      if (page.queryStatus) {
        asyncQueryId = page.queryStatus.queryId;
        page = await pollAsyncQuery(this.http, ref, page, this.formats, this.headers(), { maxFiles: this.maxFiles }, signal);
      }
      if (!page.protocol || page.metadata.length === 0) {
        if (!result) throw protocolError(`${what}: the answer lacks its protocol and metaData lines`);
      }
      // Checklist 25: endingVersion is a hint; drop anything later.
      const files =
        endingVersion === undefined ? page.files : page.files.filter((f) => f.version === undefined || f.version <= endingVersion);
      if (!result) {
        assertUrlAccess(page.metadata[0], ref);
        result = {
          version: page.version,
          format: page.format,
          protocol: page.protocol!,
          metadata: page.metadata[0],
          historicalMetadata: page.metadata.slice(1),
          files,
          refreshToken: page.end?.refreshToken,
          minUrlExpirationTimestamp: page.end?.minUrlExpirationTimestamp,
        };
      } else {
        result.files.push(...files);
        result.historicalMetadata.push(...page.metadata.slice(1));
        const m = page.end?.minUrlExpirationTimestamp;
        if (m !== undefined) result.minUrlExpirationTimestamp = Math.min(m, result.minUrlExpirationTimestamp ?? m);
      }
      pageToken = page.end?.nextPageToken || undefined; // checklist 2: "" and missing both end paging
      if (pageToken && seen.has(pageToken)) throw protocolError(`${what}: the server repeated a page token`);
      if (pageToken) seen.add(pageToken);
    } while (pageToken);
    return result!;
  }

  private checkFileIdHash(echo: string | string[] | undefined, what: string): void {
    if (!this.fileIdHash) return;
    const got = (Array.isArray(echo) ? echo[0] : echo)?.toLowerCase();
    if (got !== this.fileIdHash) throw protocolError(`${what}: the server did not confirm fileidhash=${this.fileIdHash}`);
  }
}

/**
 * Checklist 6: absent accessModes = URL access; a dir-only table cannot be read by this client.
 * Checklist 59: Silt reads through pre-signed URLs only and never asks for temporary credentials.
 */
function assertUrlAccess(metadata: SharedMetadata | undefined, ref: TableRef): void {
  const modes = metadata?.accessModes;
  if (modes && !modes.includes('url')) {
    throw new SharingError(
      `${refName(ref)} is shared for directory access only (${modes.join(', ')}); Silt reads tables through pre-signed URLs`,
      0,
      'UNSUPPORTED_ACCESS_MODE',
      false,
    );
  }
}

function usage(message: string): SharingError {
  return new SharingError(message, 0, 'INVALID_ARGUMENT', false);
}
