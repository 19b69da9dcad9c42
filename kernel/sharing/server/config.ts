import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { nameProblem } from '../../../common/tableName';

/** One shared table: a local Delta table folder. */
export interface TableConfig {
  name: string;
  /** Folder of the Delta table (absolute, or relative to the YAML file). */
  location: string;
  /** Stable id reported to clients; derived from the table's name when absent. */
  id?: string;
  /** Whether time travel, streaming and change data feed are allowed. */
  historyShared?: boolean;
  /** Overrides the table's own `delta.enableChangeDataFeed` for /changes. */
  cdfEnabled?: boolean;
}

export interface SchemaConfig {
  name: string;
  tables: TableConfig[];
  /** Also serve every Delta table folder in this directory, as found at request time (see schemaTables). */
  directory?: string;
}

export interface ShareConfig {
  name: string;
  id?: string;
  schemas: SchemaConfig[];
}

export interface SharingServerConfig {
  /** Always a loopback address; default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default '/delta-sharing'. */
  endpointPath?: string;
  /** Generated when absent. */
  bearerToken?: string;
  /** Lifetime of pre-signed file URLs; default 3600. */
  urlExpirySeconds?: number;
  /**
   * Answer clients that send `asyncquery=true` asynchronously, reporting "pending" for this many
   * status polls first. Off by default: results are computed on demand, so async only adds a round trip.
   */
  asyncQueries?: { pendingPolls: number };
  /**
   * Answer every query with all files of the snapshot, ignoring `jsonPredicateHints` and `limitHint`
   * (both advisory), as many real servers do. For testing client-side file skipping. Off by default.
   */
  ignoreHints?: boolean;
  /**
   * The endpoint URL clients reach the server by when a reverse proxy on this machine fronts it (one
   * terminating TLS, say). The profile and every pre-signed file URL name it, so file downloads go
   * through the proxy too. Its path must be the endpoint path: the proxy forwards paths unchanged.
   */
  publicUrl?: string;
  shares: ShareConfig[];
}

/**
 * Reads a YAML file shaped like the reference server's (`shares → schemas → tables`, plus
 * `authorization.bearerToken`, `host`, `port`, `endpoint`, `preSignedUrlTimeoutSeconds`), plus Silt's `ignoreHints` and `publicUrl`.
 */
export function loadServerConfig(yamlPath: string): SharingServerConfig {
  const doc = parse(readFileSync(yamlPath, 'utf8')) as unknown;
  const base = dirname(resolve(yamlPath));
  const root = obj(doc, 'the configuration');
  const cfg: SharingServerConfig = { shares: list(root.shares, 'shares').map((s, i) => share(s, `shares[${i}]`, base)) };
  if (root.host !== undefined) cfg.host = str(root.host, 'host');
  if (root.port !== undefined) cfg.port = int(root.port, 'port');
  if (root.endpoint !== undefined) cfg.endpointPath = str(root.endpoint, 'endpoint');
  if (root.preSignedUrlTimeoutSeconds !== undefined)
    cfg.urlExpirySeconds = int(root.preSignedUrlTimeoutSeconds, 'preSignedUrlTimeoutSeconds');
  if (root.ignoreHints !== undefined) cfg.ignoreHints = bool(root.ignoreHints, 'ignoreHints');
  if (root.publicUrl !== undefined) cfg.publicUrl = str(root.publicUrl, 'publicUrl');
  if (root.authorization !== undefined) {
    const auth = obj(root.authorization, 'authorization');
    if (auth.bearerToken !== undefined) cfg.bearerToken = str(auth.bearerToken, 'authorization.bearerToken');
  }
  validateConfig(cfg);
  return cfg;
}

/** Checks names and uniqueness (names are case-insensitive) so a bad config fails at start-up. */
export function validateConfig(cfg: SharingServerConfig): void {
  if (cfg.publicUrl !== undefined) publicUrlPath(cfg.publicUrl, cfg.endpointPath);
  unique(
    cfg.shares.map((s) => s.name),
    'share',
  );
  for (const s of cfg.shares) {
    check('share', s.name);
    unique(
      s.schemas.map((sc) => sc.name),
      `schema in share ${s.name}`,
    );
    for (const sc of s.schemas) {
      check('schema', sc.name);
      unique(
        sc.tables.map((t) => t.name),
        `table in ${s.name}.${sc.name}`,
      );
      for (const t of sc.tables) check('table', t.name);
    }
  }
}

/** The endpoint path (no trailing slash) of a public URL, which must match the server's own. */
export function publicUrlPath(publicUrl: string, endpointPath = '/delta-sharing'): string {
  let u: URL;
  try {
    u = new URL(publicUrl);
  } catch {
    throw new Error(`sharing server configuration: publicUrl "${publicUrl}" is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new Error(`sharing server configuration: publicUrl must be http or https, not ${u.protocol}`);
  const path = u.pathname.replace(/\/+$/, '');
  const own = ('/' + endpointPath.replace(/^\/+|\/+$/g, '')).replace(/^\/$/, '');
  if (path !== own)
    throw new Error(`sharing server configuration: publicUrl's path ${path || '/'} must be the endpoint path ${own || '/'}`);
  return path;
}

function share(raw: unknown, where: string, base: string): ShareConfig {
  const o = obj(raw, where);
  const out: ShareConfig = {
    name: str(o.name, `${where}.name`),
    schemas: list(o.schemas ?? [], `${where}.schemas`).map((s, i) => schema(s, `${where}.schemas[${i}]`, base)),
  };
  if (o.id !== undefined) out.id = str(o.id, `${where}.id`);
  return out;
}

function schema(raw: unknown, where: string, base: string): SchemaConfig {
  const o = obj(raw, where);
  return {
    name: str(o.name, `${where}.name`),
    tables: list(o.tables ?? [], `${where}.tables`).map((t, i) => table(t, `${where}.tables[${i}]`, base)),
  };
}

function table(raw: unknown, where: string, base: string): TableConfig {
  const o = obj(raw, where);
  let location = str(o.location, `${where}.location`);
  if (location.startsWith('file:')) location = fileURLToPath(location);
  const out: TableConfig = { name: str(o.name, `${where}.name`), location: isAbsolute(location) ? location : resolve(base, location) };
  if (o.id !== undefined) out.id = str(o.id, `${where}.id`);
  if (o.historyShared !== undefined) out.historyShared = bool(o.historyShared, `${where}.historyShared`);
  if (o.cdfEnabled !== undefined) out.cdfEnabled = bool(o.cdfEnabled, `${where}.cdfEnabled`);
  return out;
}

function check(kind: 'share' | 'schema' | 'table', name: string): void {
  const problem = nameProblem(kind, name);
  if (problem) throw new Error(`sharing server configuration: ${problem}`);
}

function unique(names: string[], what: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n.toLowerCase())) throw new Error(`sharing server configuration: duplicate ${what} "${n}" (names are case-insensitive)`);
    seen.add(n.toLowerCase());
  }
}

function obj(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`sharing server configuration: ${where} must be a mapping`);
  return v as Record<string, unknown>;
}
function list(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new Error(`sharing server configuration: ${where} must be a list`);
  return v;
}
function str(v: unknown, where: string): string {
  if (typeof v !== 'string' || v === '') throw new Error(`sharing server configuration: ${where} must be a non-empty string`);
  return v;
}
function int(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new Error(`sharing server configuration: ${where} must be a non-negative integer`);
  return v;
}
function bool(v: unknown, where: string): boolean {
  if (typeof v !== 'boolean') throw new Error(`sharing server configuration: ${where} must be true or false`);
  return v;
}
