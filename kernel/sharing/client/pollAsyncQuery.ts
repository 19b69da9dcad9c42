import type { ResponseFormat } from './capabilities';
import { sleep, type HttpCore } from './HttpCore';
import { readTablePage, type TablePage } from './readTablePage';
import { protocolError, SharingError } from './SharingError';
import { enc, refName, tablePath } from './tableRef';
import type { TableRef } from './types';

const POLL_MS = 2_000;
const GIVE_UP_MS = 10 * 60_000;

/**
 * A server may answer /query with a lone `queryStatus` line even when we did not ask for async
 * (checklist 55): poll `POST …/queries/{id}` until the result is there, failed, or 10 minutes pass.
 */
export async function pollAsyncQuery(
  http: HttpCore,
  ref: TableRef,
  first: TablePage,
  formats: ResponseFormat[],
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<TablePage> {
  const what = `waiting for the query of ${refName(ref)}`;
  const queryId = first.queryStatus!.queryId;
  if (!queryId) throw protocolError(`${what}: the server sent a query status without a query id`);
  const deadline = Date.now() + GIVE_UP_MS;
  let page = first;
  while (page.queryStatus) {
    const status = page.queryStatus;
    if (status.queryId !== queryId) throw protocolError(`${what}: the query id changed while polling`);
    if (status.status === 'failed') throw new SharingError(`${what}: the server says the query failed${status.message ? `: ${status.message}` : ''}`, 0, 'QUERY_FAILED', false);
    if (Date.now() > deadline) throw new SharingError(`${what}: still pending after 10 minutes`, 0, 'QUERY_TIMEOUT', true);
    await sleep(POLL_MS, signal);
    const res = await http.call(`${tablePath(ref)}/queries/${enc(queryId)}`, { method: 'POST', body: {}, what, headers, signal });
    page = await readTablePage(res, formats, refName(ref), what);
  }
  return page;
}
