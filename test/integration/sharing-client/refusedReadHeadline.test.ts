/**
 * Reads a server refuses as malformed (HTTP 400): time travel to a version the table never had, and
 * the change data feed of a table without one. The cell is headed by the kind of failure, as every
 * other sharing failure is, not by the class name "SharingError", and the message keeps the
 * server's reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';
import { SHARED } from '../../helpers/shared';

let server: RunningSharingServer;
let bed: InProcessSession;

beforeAll(async () => {
  server = await startSharingServer({
    shares: [
      {
        name: 'lab',
        schemas: [{ name: 'default', tables: [{ name: 'simple', location: `${SHARED}/data/delta/simple_table`, historyShared: true }] }],
      },
    ],
  });
  bed = await inProcessSession('silt-refused-read-');
  bed.session.shared.addProfile(JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token }), 'lab');
});
afterAll(async () => {
  await bed?.close();
  await server?.close();
});

const errorOf = async (sql: string) => (await bed.exec('sql', sql)).outputs.find((o) => o.kind === 'error');

describe('a read the server refuses as a bad request', () => {
  it('time travel to a version that does not exist is headed Invalid request, with the latest version', async () => {
    const e = await errorOf('SELECT * FROM lab.default.simple VERSION AS OF 99');
    expect(e).toMatchObject({ kind: 'error', ename: 'Invalid request' });
    expect(e?.kind === 'error' && e.message).toMatch(/version 99 does not exist; the latest version is \d+/);
  });

  it('the change data feed of a table without one is headed Invalid request, saying it is not enabled', async () => {
    const e = await errorOf("SELECT * FROM table_changes('lab.default.simple', 0)");
    expect(e).toMatchObject({ kind: 'error', ename: 'Invalid request' });
    expect(e?.kind === 'error' && e.message).toContain('the change data feed is not enabled on table lab.default.simple');
  });
});
