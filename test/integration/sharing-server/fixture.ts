import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSharingServer, type RunningSharingServer, type SharingServerConfig } from '../../../kernel/sharing/server';
import { SHARED } from '../../helpers/shared';

export const DATA = `${SHARED}/data/delta`;
export const expectedTables: Record<string, any> = JSON.parse(readFileSync(join(DATA, 'expected.json'), 'utf8')).tables;

/** A server over some of the shared test tables, all in share `test.share` (dotted on purpose), schema `s`. */
export async function startFixture(tables: string[], extra: Partial<SharingServerConfig> = {}): Promise<Fixture> {
  const server = await startSharingServer({
    shares: [
      {
        name: 'test.share',
        schemas: [{ name: 's', tables: tables.map((t) => ({ name: t, location: join(DATA, t), historyShared: true })) }],
      },
    ],
    ...extra,
  });
  return new Fixture(server);
}

export class Fixture {
  constructor(readonly server: RunningSharingServer) {}

  /** A request to `{endpoint}/{path}` with the server's token. */
  fetch(path: string, init: RequestInit & { capabilities?: string } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (!headers.has('Authorization')) headers.set('Authorization', `Bearer ${this.server.token}`);
    if (init.capabilities) headers.set('delta-sharing-capabilities', init.capabilities);
    return fetch(`${this.server.url}/${path}`, { ...init, headers });
  }

  table(name: string): string {
    return `shares/test.share/schemas/s/tables/${name}`;
  }

  /** POST …/query with a JSON body; returns status, headers and parsed NDJSON lines. */
  async query(table: string, body: unknown, capabilities?: string): Promise<NdjsonAnswer> {
    const res = await this.fetch(`${this.table(table)}/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      capabilities,
    });
    return ndjson(res);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

export interface NdjsonAnswer {
  status: number;
  headers: Headers;
  lines: any[];
  /** Parsed JSON body for error answers. */
  error?: { errorCode: string; message: string };
}

export async function ndjson(res: Response): Promise<NdjsonAnswer> {
  const text = await res.text();
  if (res.status !== 200) return { status: res.status, headers: res.headers, lines: [], error: JSON.parse(text) };
  const lines = text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
  return { status: res.status, headers: res.headers, lines };
}

/** The `file` (or add/cdf/remove) payloads of an answer. */
export function files(a: NdjsonAnswer, key = 'file'): any[] {
  return a.lines.filter((l) => key in l).map((l) => l[key]);
}
