/** `silt serve [--port N] [--no-open] [--workspace DIR] [--token T]`: the app in any browser. */
import { join } from 'node:path';
import { appDataDir, defaultWorkspace } from '../host/appPaths';
import { KernelHost } from '../host/KernelHost';
import { ensureWelcomeNotebook, WELCOME_FILE } from '../demo/welcomeNotebook';
import { flag, parseArgs, UsageError } from './parseArgs';
import { openBrowser } from './openBrowser';

export async function serveCommand(argv: string[], version: string): Promise<KernelHost> {
  const args = parseArgs(argv, { boolean: ['no-open'], value: ['port', 'workspace', 'token'] });
  const portText = flag(args, 'port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${portText}"`);
  const workspace = flag(args, 'workspace') ?? defaultWorkspace();
  const host = new KernelHost({ port, token: flag(args, 'token'), workspace, dataDir: appDataDir(), version });
  ensureWelcomeNotebook(workspace);
  const url = await host.listen();
  process.stdout.write(`Silt is running at ${url}\n`);
  if (flag(args, 'no-open') !== 'true') {
    const opened = openBrowser(`${url}&path=${encodeURIComponent(join(workspace, WELCOME_FILE))}`);
    if (opened) process.stderr.write(`Opened it with ${opened}.\n`);
  }
  const stop = () => {
    host.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return host;
}
