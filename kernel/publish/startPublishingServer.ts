/**
 * The host's publishing server: a Delta Sharing server on 127.0.0.1 whose share `silt`, schema
 * `published` serves every table in `<workspace>/.silt/published`, including ones published after it
 * started. Its recipient profile is rewritten at every start, since the token is new each time.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../sharing/server';
import type { PublishTarget } from './PublishTarget';

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
  const server = await startSharingServer({
    port: opts.port ?? 0,
    shares: [{ name: PUBLISH_SHARE, schemas: [{ name: PUBLISH_SCHEMA, tables: [], directory: dir }] }],
  });
  mkdirSync(opts.profileDir, { recursive: true });
  const profilePath = join(opts.profileDir, 'published.share');
  writeProfile(profilePath, server.url, server.token);
  return {
    target: { dir, share: PUBLISH_SHARE, schema: PUBLISH_SCHEMA, endpoint: server.url, profilePath },
    server,
    close: () => server.close(),
  };
}
