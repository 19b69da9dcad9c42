/**
 * Where `silt run --publish` writes: the workspace's published-tables folder, the one `silt serve`
 * (and the desktop app) serve as share `silt`, schema `published` to BI tools. A headless run starts
 * no server of its own: one on the publishing profile's port would fight the app's for it. The
 * table is a Delta table on disk, so a server already running picks each new version up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appDataDir } from '../host/appPaths';
import type { PublishTarget } from '../publish/PublishTarget';
import { PUBLISH_SCHEMA, PUBLISH_SHARE, publishedDir } from '../publish/startPublishingServer';

export function headlessPublishTarget(workspace: string): PublishTarget {
  const profilePath = join(appDataDir(), 'profiles', 'published.share');
  let endpoint = '';
  try {
    endpoint = String((JSON.parse(readFileSync(profilePath, 'utf8')) as { endpoint?: unknown }).endpoint ?? '');
  } catch {
    // No server has run yet: the endpoint is known once `silt serve` starts one.
  }
  return { dir: publishedDir(workspace), share: PUBLISH_SHARE, schema: PUBLISH_SCHEMA, endpoint, profilePath };
}
