import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessKernelClient } from '../../../kernel/host/InProcessKernelClient';
import type { ConnectionStatus } from '../../../kernel/protocol';
import { startInProcessHost, type InProcessHost } from '../../helpers/inProcessHost';

let running: InProcessHost;

beforeAll(async () => {
  running = await startInProcessHost();
});

afterAll(async () => {
  await running?.stop();
});

describe('the in-process KernelClient', () => {
  it('says hello by itself, then reports the link open and the workspace, as the window shows them', async () => {
    const client = new InProcessKernelClient(running.host.ctx);
    const seen: ConnectionStatus[] = [];
    client.onStatus((s) => seen.push(s));
    expect(client.status).toBe('connecting');
    const listed = await client.request('files.list', {});
    expect(seen).toEqual(['open']);
    expect(client.workspace).toBe(running.workspace);
    expect(listed.dir).toBe(running.workspace);
    client.close();
  });

  it('fails requests after close as a lost connection, with the code the window reconnects on', async () => {
    const client = new InProcessKernelClient(running.host.ctx);
    client.close();
    expect(client.status).toBe('closed');
    const late = client.request('files.recent', {});
    await expect(late).rejects.toMatchObject({ code: 'disconnected', message: expect.stringMatching(/lost/) });
  });
});
