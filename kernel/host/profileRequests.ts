/**
 * Adding and removing profiles is the host's business, not one session's: a profile added in the app
 * is saved (sealed with the OS keychain's key in the desktop app) and opened in every session, now
 * and after restarts; a removed one is forgotten everywhere.
 */
import { redactSecrets } from './redactSecrets';
import type { Params, Result } from '../protocol';
import type { ProfileStore } from './ProfileStore';
import type { SessionProcess } from './SessionProcess';
import type { SessionRegistry } from './SessionRegistry';

export async function addProfile(
  profiles: ProfileStore,
  sessions: SessionRegistry,
  p: Params<'catalog.addProfile'>,
): Promise<Result<'catalog.addProfile'>> {
  const target = sessions.get(p.sessionId);
  const replacing = p.replace === true && p.name !== undefined && profiles.has(p.name);
  const stored = profiles.add(p.source, p.name, { replace: replacing });
  // The sessions close the old one first, so the new one opens under the same name, not name_2.
  if (replacing) await Promise.allSettled(sessions.all().map((s) => s.call('catalog.removeProfile', { name: stored.name })));
  const others = sessions.all().filter((s) => s !== target);
  await Promise.allSettled(others.map((s) => s.call('catalog.addProfile', { source: stored.json, name: stored.name })));
  return target.call('catalog.addProfile', { source: stored.json, name: stored.name });
}

export async function removeProfile(
  profiles: ProfileStore,
  sessions: SessionRegistry,
  p: Params<'catalog.removeProfile'>,
): Promise<Result<'catalog.removeProfile'>> {
  const forgotten = profiles.remove(p.name);
  const results = await Promise.allSettled(sessions.all().map((s) => s.call('catalog.removeProfile', { name: p.name })));
  const closed = results.some((r) => r.status === 'fulfilled' && r.value.removed);
  return { removed: forgotten || closed };
}

/** Opens the saved profiles in a session process that just started; unreadable ones are reported, not fatal. */
export function openSavedProfiles(profiles: ProfileStore, proc: SessionProcess): void {
  const { profiles: saved, problems } = profiles.list();
  // Errors should never quote a profile, but a log line is one place too many to find out: the
  // profile's own secrets are removed from anything written here.
  for (const problem of problems) process.stderr.write(`silt: ${redactSecrets(problem)}\n`);
  for (const s of saved) {
    proc.call('catalog.addProfile', { source: s.json, name: s.name }).catch((e: Error) => {
      const message = redactSecrets(e.message, ...secretsOf(s.json));
      process.stderr.write(`silt: the saved profile "${s.name}" could not be opened: ${message}\n`);
    });
  }
}

/** Every secret a profile's text carries (bearer token, OAuth client secret, password), to scrub log lines of. */
function secretsOf(json: string): string[] {
  try {
    const p = JSON.parse(json) as Record<string, unknown>;
    return [p.bearerToken, p.clientSecret, p.password].filter((v): v is string => typeof v === 'string' && v.length > 0);
  } catch {
    return [];
  }
}
