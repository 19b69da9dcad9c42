import type { ResponseFormat } from './capabilities';
import { sleep, type HttpCore } from './HttpCore';
import { readTablePage, type TablePage } from './readTablePage';
import { protocolError, SharingError } from './SharingError';
import { enc, refName, tablePath } from './tableRef';
import type { TableRef } from './types';

/** Polls start quick (a local server is ready at once) and back off to a few seconds. */
const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 3_000;
const GIVE_UP_MS = 10 * 60_000;

/** One attempt at POST `…/queries/{queryId}` (§Get Query Info): the status, or the result's page. */
export function queryInfo(
  http: HttpCore,
  ref: TableRef,
  queryId: string,
  body: { maxFiles?: number; pageToken?: string },
  headers: Record<string, string>,
  signal?: AbortSignal,
): ReturnType<HttpCore['call']> {
  const what = `waiting for the query of ${refName(ref)}`;
  return http.call(`${tablePath(ref)}/queries/${enc(queryId)}`, { method: 'POST', body, what, headers, signal });
}

/**
 * The answer to /query was a `queryStatus` line, because we asked for async or because the server
 * chose it (checklist 55): poll until the first page of the result is there, the query failed, the
 * id changed or vanished (404 from the server), or 10 minutes passed.
 */
export async function pollAsyncQuery(
  http: HttpCore,
  ref: TableRef,
  first: TablePage,
  formats: ResponseFormat[],
  headers: Record<string, string>,
  body: { maxFiles?: number },
  signal?: AbortSignal,
): Promise<TablePage> {
  const what = `waiting for the query of ${refName(ref)}`;
  const queryId = first.queryStatus!.queryId;
  if (!queryId) throw protocolError(`${what}: the server sent a query status without a query id`);
  const deadline = Date.now() + GIVE_UP_MS;
  let page = first;
  let wait = FIRST_POLL_MS;
  while (page.queryStatus) {
    const status = page.queryStatus;
    if (status.queryId !== queryId) throw protocolError(`${what}: the query id changed while polling`);
    if (status.status === 'failed')
      throw new SharingError(
        `${what}: the server says the query failed${status.message ? `: ${status.message}` : ''}`,
        0,
        'QUERY_FAILED',
        false,
      );
    if (Date.now() > deadline) throw new SharingError(`${what}: still pending after 10 minutes`, 0, 'QUERY_TIMEOUT', true);
    await sleep(wait, signal);
    wait = Math.min(MAX_POLL_MS, wait * 2);
    // One retry layer: each poll is one request, retried here with the reading of its answer.
    const poll = async () => readTablePage(await queryInfo(http, ref, queryId, body, headers, signal), formats, refName(ref), what);
    page = await http.withRetries(what, signal, poll);
  }
  return page;
}
