/**
 * A kernel host in this process, reached through InProcessKernelClient: no HTTP server listening, no
 * socket. Sessions are still child processes (the built `dist/kernel/session/sessionMain.js`), in a
 * throwaway workspace and data folder, as `startHost` sets them up for the real `silt serve`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessKernelClient } from '../../kernel/host/InProcessKernelClient';
import { KernelHost } from '../../kernel/host/KernelHost';
import { ROOT } from './startHost';

export interface InProcessHost {
  host: KernelHost;
  client: InProcessKernelClient;
  workspace: string;
  home: string;
  stop(): Promise<void>;
}

export async function startInProcessHost(): Promise<InProcessHost> {
  const home = mkdtempSync(join(tmpdir(), 'silt-home-'));
  const workspace = join(home, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const host = new KernelHost({
    workspace,
    dataDir: home,
    sessionEntry: join(ROOT, 'dist', 'kernel', 'session', 'sessionMain.js'),
    sessionEnv: { SILT_HOME: home, SILT_PROFILES: '[]' },
  });
  const client = new InProcessKernelClient(host.ctx);
  return {
    host,
    client,
    workspace,
    home,
    async stop() {
      client.close();
      await host.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
