/**
 * Where a session publishes tables and how BI tools reach them. The host that runs the publishing
 * server hands this to its sessions through the environment (like SILT_PROFILES).
 */
export interface PublishTarget {
  /** The folder whose Delta tables the server's `share.schema` serves. */
  dir: string;
  share: string;
  schema: string;
  endpoint: string;
  /** The recipient profile (endpoint + token) for BI tools. */
  profilePath: string;
}

export const PUBLISH_ENV = 'SILT_PUBLISH';

/** The target the host passed in, or null when it runs no publishing server (e.g. `silt run`). */
export function publishTargetFromEnv(env: NodeJS.ProcessEnv): PublishTarget | null {
  const text = env[PUBLISH_ENV];
  if (!text) return null;
  const t = JSON.parse(text) as PublishTarget;
  return typeof t.dir === 'string' && typeof t.profilePath === 'string' ? t : null;
}

export function publishEnv(target: PublishTarget): Record<string, string> {
  return { [PUBLISH_ENV]: JSON.stringify(target) };
}
