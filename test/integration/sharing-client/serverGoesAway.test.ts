/**
 * A server that answered the listing and then went away (a laptop's VPN dropped, a provider's
 * restart): the next cell that reads its table, with a WHERE (so metadata is fetched for predicate
 * hints) fails within seconds, naming the profile and the address that refuses connections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';
import { SHARED } from '../../helpers/shared';
import { startCountingProxy } from '../cli/countingProxy';

let server: RunningSharingServer;
let bed: InProcessSession;

beforeAll(async () => {
  server = await startSharingServer({
    shares: [
      {
        name: 'lab',
        schemas: [{ name: 'default', tables: [{ name: 'simple', location: `${SHARED}/data/delta/simple_table` }] }],
      },
    ],
  });
  bed = await inProcessSession('silt-gone-');
});
afterAll(async () => {
  bed?.close();
  await server?.close();
});

const errorText = (r: Awaited<ReturnType<InProcessSession['exec']>>) =>
  r.outputs.map((o) => (o.kind === 'error' ? o.message : '')).join('');

describe('a sharing server that goes away between cells', () => {
  it('fails the next cell with a WHERE in seconds: cannot connect, naming the profile', async () => {
    const proxy = await startCountingProxy(server.url);
    const port = new URL(proxy.url).port;
    bed.session.shared.addProfile(
      JSON.stringify({ shareCredentialsVersion: 1, endpoint: `${proxy.url}/delta-sharing`, bearerToken: server.token }),
      'lab_vpn',
    );
    expect((await bed.exec('sql', 'SELECT count(*) AS n FROM lab.default.simple')).outputs[0]).toMatchObject({
      kind: 'table',
    });
    await proxy.close();

    const started = Date.now();
    const r = await bed.exec('sql', 'SELECT * FROM lab.default.simple WHERE id > 1');
    const seconds = (Date.now() - started) / 1000;
    console.log(`server gone, cell with WHERE: failed after ${seconds.toFixed(1)} s`);
    expect(errorText(r)).toMatch(new RegExp(`profile "lab_vpn": .*cannot connect to 127\\.0\\.0\\.1:${port} \\(connection refused\\)`));
    expect(errorText(r)).not.toContain(server.token);
    expect(seconds).toBeLessThan(5);
  });
});
