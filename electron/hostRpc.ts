/**
 * The shell asks the kernel host things (the recent files for File → Open Recent) with the same
 * protocol request the page sends, over `POST /rpc` with the token as a bearer header. No Origin is
 * sent, as for any tool outside a browser; the token is never put in a URL that could be logged.
 */
import type { Params, RequestType, Result } from '../kernel/protocol';

export async function hostRequest<T extends RequestType>(
  kernelUrl: string,
  type: T,
  params: Params<T>,
  fetchImpl: typeof fetch = fetch,
): Promise<Result<T>> {
  const url = new URL(kernelUrl);
  const token = url.searchParams.get('token') ?? '';
  const res = await fetchImpl(new URL('/rpc', url.origin), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: 'request', id: 1, type, params }),
  });
  const text = await res.text();
  let reply: { ok?: boolean; result?: unknown; error?: { message?: string } };
  try {
    reply = JSON.parse(text);
  } catch {
    throw new Error(`The kernel answered ${type} with HTTP ${res.status} and no protocol reply.`);
  }
  if (reply.ok !== true) throw new Error(`The kernel refused ${type}: ${reply.error?.message ?? `HTTP ${res.status}`}`);
  return reply.result as Result<T>;
}
