/**
 * The host's publishing server: a Delta Sharing server on 127.0.0.1 whose share `silt`, schema
 * `published` serves every table in `<workspace>/.silt/published`, including ones published after it
 * started. It comes back on the port and with the token of its last run, so a profile handed to a BI
 * tool keeps working across restarts; only a port taken by something else moves it (and says so).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../sharing/server';
import type { PublishTarget } from './PublishTarget';
import { removeStaleStaging } from './removeStaleStaging';

export const PUBLISH_SHARE = 'silt';
export const PUBLISH_SCHEMA = 'published';

export interface PublishingServer {
  target: PublishTarget;
  server: RunningSharingServer;
  close(): Promise<void>;
}

export function publishedDir(workspace: string): string {
  return join(workspace, '.silt', 'published');
}

export async function startPublishingServer(opts: { workspace: string; profileDir: string; port?: number }): Promise<PublishingServer> {
  const dir = publishedDir(opts.workspace);
  mkdirSync(dir, { recursive: true });
  await removeStaleStaging(dir);
  mkdirSync(opts.profileDir, { recursive: true });
  const profilePath = join(opts.profileDir, 'published.share');
  const previous = lastRun(profilePath);
  const start = (port: number) =>
    startSharingServer({
      port,
      ...(previous ? { bearerToken: previous.token } : {}),
      shares: [{ name: PUBLISH_SHARE, schemas: [{ name: PUBLISH_SCHEMA, tables: [], directory: dir }] }],
    });
  const wanted = opts.port ?? previous?.port ?? 0;
  let server: RunningSharingServer;
  try {
    server = await start(wanted);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || wanted === 0) throw e;
    server = await start(0);
    process.stderr.write(`Port ${wanted} is taken, so published tables are now at ${server.url}; hand out the new ${profilePath}.\n`);
  }
  writeProfile(profilePath, server.url, server.token);
  return {
    target: { dir, share: PUBLISH_SHARE, schema: PUBLISH_SCHEMA, endpoint: server.url, profilePath },
    server,
    close: () => server.close(),
  };
}

/** The port and token of the last run, from the profile it wrote; none when there is no readable one. */
function lastRun(profilePath: string): { port: number; token: string } | undefined {
  if (!existsSync(profilePath)) return undefined;
  try {
    const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as { endpoint?: unknown; bearerToken?: unknown };
    const port = Number(new URL(String(profile.endpoint)).port);
    return typeof profile.bearerToken === 'string' && profile.bearerToken && port > 0 ? { port, token: profile.bearerToken } : undefined;
  } catch {
    return undefined;
  }
}
