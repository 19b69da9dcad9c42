import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { formatCapabilities } from '../capabilities';
import type { QueryRequest } from './queryRequest';
import type { SharedTable } from './ShareRegistry';
import { badParam, SharingHttpError } from './SharingHttpError';

/** How long a query id stays answerable after its last use. */
const QUERY_TTL_MS = 60 * 60_000;

interface AsyncQuery {
  id: string;
  tableId: string;
  request: QueryRequest;
  /** Status polls still to answer with "pending" before the result is handed over. */
  pendingPolls: number;
  usedAt: number;
}

/**
 * §Get Query Info: a client that sends `asyncquery=true` with an idempotency key gets a query id and
 * polls `…/queries/{id}` until the result is ready. The embedded server computes results on demand,
 * so "pending" is simulated for a configured number of polls: that is what lets Silt's client be
 * tested against the real exchange (retries reuse the key and get the same id; ids are opaque).
 */
export class AsyncQueries {
  private byId = new Map<string, AsyncQuery>();
  private byKey = new Map<string, string>();

  constructor(private readonly pendingPolls: number) {}

  /** Registers (or finds, for a retried key) the query and answers with its pending status line. */
  submit(t: SharedTable, request: QueryRequest, version: number, res: ServerResponse): void {
    if (!request.idempotencyKey) throw badParam('asyncquery=true needs an idempotencyKey in the request body');
    this.expire();
    const key = `${t.id}\n${request.idempotencyKey}`;
    let q = this.byId.get(this.byKey.get(key) ?? '');
    if (!q) {
      q = { id: randomBytes(12).toString('base64url'), tableId: t.id, request, pendingPolls: this.pendingPolls, usedAt: Date.now() };
      this.byId.set(q.id, q);
      this.byKey.set(key, q.id);
    }
    pending(res, q.id, version);
  }

  /**
   * A poll: "pending" while the simulated work lasts, then the query as first asked, with this
   * poll's `maxFiles` and `pageToken` (later pages are fetched through the same endpoint).
   */
  poll(
    t: SharedTable,
    queryId: string,
    body: { maxFiles?: number; pageToken?: string },
    version: number,
    res: ServerResponse,
  ): QueryRequest | undefined {
    this.expire();
    const q = this.byId.get(queryId);
    if (!q || q.tableId !== t.id)
      throw new SharingHttpError(404, 'RESOURCE_DOES_NOT_EXIST', `no query ${queryId} for this table; it may have expired`);
    q.usedAt = Date.now();
    if (q.pendingPolls > 0) {
      q.pendingPolls--;
      pending(res, q.id, version);
      return undefined;
    }
    return { ...q.request, maxFiles: body.maxFiles ?? q.request.maxFiles, pageToken: body.pageToken };
  }

  private expire(): void {
    const cutoff = Date.now() - QUERY_TTL_MS;
    for (const [id, q] of this.byId) {
      if (q.usedAt >= cutoff) continue;
      this.byId.delete(id);
      this.byKey.delete(`${q.tableId}\n${q.request.idempotencyKey}`);
    }
  }
}

function pending(res: ServerResponse, queryId: string, version: number): void {
  res.writeHead(200, {
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Delta-Table-Version': String(version),
    'delta-sharing-capabilities': formatCapabilities({ asyncQuery: true }),
  });
  res.end(JSON.stringify({ queryStatus: { queryId, status: 'pending' } }) + '\n');
}
