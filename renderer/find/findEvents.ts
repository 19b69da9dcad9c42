/**
 * Opening find from outside its bar (the command palette, a menu) without a reference to it: a window
 * event the find bar listens to. Commands can then be plain objects.
 */
export type FindRequest = { kind: 'find' | 'replace'; prefill?: string } | { kind: 'next' | 'previous' };

const EVENT = 'silt:find';

export function requestFind(request: FindRequest): void {
  window.dispatchEvent(new CustomEvent<FindRequest>(EVENT, { detail: request }));
}

export function onFindRequest(listener: (r: FindRequest) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<FindRequest>).detail);
  window.addEventListener(EVENT, handler);
  return () => window.removeEventListener(EVENT, handler);
}
