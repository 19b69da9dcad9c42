import { createHash } from 'node:crypto';
import { formatTableName } from '../../../common/tableName';
import type { SchemaConfig, ShareConfig, TableConfig } from './config';
import { notFound } from './SharingHttpError';
import { schemaTables } from './schemaTables';
import { openTableSource, type TableSource } from './TableSource';

/** A configured table with everything a request needs about it. */
export interface SharedTable {
  share: ShareConfig;
  schema: SchemaConfig;
  config: TableConfig;
  /** The id clients see; stable across restarts. */
  id: string;
  source: TableSource;
}

/** Looks up shares, schemas and tables case-insensitively, as the protocol's names are. */
export class ShareRegistry {
  private readonly tables = new Map<string, SharedTable>();

  constructor(readonly shares: ShareConfig[]) {}

  share(name: string): ShareConfig {
    const s = this.shares.find((x) => same(x.name, name));
    if (!s) throw notFound(`share "${name}" does not exist or is not shared with you`);
    return s;
  }

  schema(share: string, name: string): SchemaConfig {
    const sc = this.share(share).schemas.find((x) => same(x.name, name));
    if (!sc) throw notFound(`schema "${share}.${name}" does not exist`);
    return sc;
  }

  table(share: string, schema: string, name: string): SharedTable {
    const sh = this.share(share);
    const sc = this.schema(share, schema);
    const config = schemaTables(sc).find((x) => same(x.name, name));
    if (!config) throw notFound(`table "${formatTableName({ share, schema, table: name })}" does not exist`);
    const key = `${sh.name}\u0000${sc.name}\u0000${config.name}`;
    let t = this.tables.get(key);
    if (!t) {
      t = {
        share: sh,
        schema: sc,
        config,
        id: config.id ?? tableId(sh.name, sc.name, config.name),
        source: openTableSource(config.location),
      };
      this.tables.set(key, t);
    }
    return t;
  }

  shareId(share: ShareConfig): string {
    return share.id ?? tableId(share.name, '', '');
  }
}

/** A UUID-shaped id derived from the names, so it survives restarts without being configured. */
function tableId(share: string, schema: string, table: string): string {
  const h = createHash('sha256').update(formatTableName({ share, schema, table }).toLowerCase()).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
