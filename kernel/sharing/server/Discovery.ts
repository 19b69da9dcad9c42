import type { ShareRegistry } from './ShareRegistry';
import { PageTokens } from './PageTokens';
import { badParam } from './SharingHttpError';
import { schemaTables } from './schemaTables';

/** Answers of the listing endpoints (§List Shares … §List all Tables in a Share). */
export interface ListPage<T> {
  items: T[];
  nextPageToken?: string;
}

export interface TableItem {
  name: string;
  schema: string;
  share: string;
  shareId: string;
  id: string;
}

export class Discovery {
  constructor(
    private readonly registry: ShareRegistry,
    private readonly tokens: PageTokens,
  ) {}

  listShares(query: URLSearchParams): ListPage<{ name: string; id: string }> {
    const all = this.registry.shares.map((s) => ({ name: s.name, id: this.registry.shareId(s) }));
    return this.page(all, query, 'shares');
  }

  getShare(share: string): { share: { name: string; id: string } } {
    const s = this.registry.share(share);
    return { share: { name: s.name, id: this.registry.shareId(s) } };
  }

  listSchemas(share: string, query: URLSearchParams): ListPage<{ name: string; share: string }> {
    const s = this.registry.share(share);
    return this.page(
      s.schemas.map((sc) => ({ name: sc.name, share: s.name })),
      query,
      `schemas\u0000${s.name}`,
    );
  }

  listTables(share: string, schema: string, query: URLSearchParams): ListPage<TableItem> {
    const sc = this.registry.schema(share, schema);
    return this.page(
      schemaTables(sc).map((t) => this.item(share, sc.name, t.name)),
      query,
      `tables\u0000${share}\u0000${schema}`,
    );
  }

  listAllTables(share: string, query: URLSearchParams): ListPage<TableItem> {
    const s = this.registry.share(share);
    const all = s.schemas.flatMap((sc) => schemaTables(sc).map((t) => this.item(share, sc.name, t.name)));
    return this.page(all, query, `all-tables\u0000${s.name}`);
  }

  private item(share: string, schema: string, table: string): TableItem {
    const t = this.registry.table(share, schema, table);
    return { name: t.config.name, schema: t.schema.name, share: t.share.name, shareId: this.registry.shareId(t.share), id: t.id };
  }

  private page<T>(all: T[], query: URLSearchParams, target: string): ListPage<T> {
    const max = maxResults(query.get('maxResults'));
    const checksum = PageTokens.checksum(target.toLowerCase());
    const token = query.get('pageToken');
    const start = token ? this.tokens.read(token, checksum).offset : 0;
    const end = max === undefined ? all.length : Math.min(all.length, start + max);
    const out: ListPage<T> = { items: all.slice(start, end) };
    if (end < all.length) out.nextPageToken = this.tokens.issue({ offset: end, version: 0 }, checksum);
    return out;
  }
}

function maxResults(raw: string | null): number | undefined {
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 2 ** 31 - 1) throw badParam(`maxResults must be a non-negative 32-bit integer, got "${raw}"`);
  return n;
}
