/**
 * Profiles the user added in the app, kept across restarts in `<appData>/profiles/added/`. With a
 * key from the desktop shell (the OS keychain) each is sealed (`NAME.share.sealed`); without one
 * (`silt serve` in a browser) it is a `NAME.share` file only the user can read, as the Databricks
 * and Delta Sharing CLIs keep theirs. Secrets never leave this store except to session processes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SiltError } from '../../common/SiltError';
import { looksLikeProfilePath, parseProfileText, stripBom } from '../sharing/client';
import { atomicWrite } from '../fs/atomicWrite';
import type { SecretBox } from './secretBox';

const PLAIN = '.share';
const SEALED = '.share.sealed';

export interface StoredProfile {
  name: string;
  /** The profile's JSON text, secrets included: only for handing to a session. */
  json: string;
}

export class ProfileStore {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly box: SecretBox | null,
  ) {
    this.dir = join(dataDir, 'profiles', 'added');
  }

  /** Whether secrets are sealed with the OS keychain's key. */
  get sealed(): boolean {
    return this.box !== null;
  }

  /**
   * Validates and keeps a profile (a file path or its JSON text) under a name unique in the store.
   * Returns the stored profile; an invalid one throws the parser's clear error and stores nothing
   * (with `replace`, the saved profile of that name stays until the new one has passed that check).
   */
  add(source: string, preferredName?: string, opts: { replace?: boolean } = {}): StoredProfile {
    const fromFile = !source.trimStart().startsWith('{');
    // The file's text is parsed as text, never taken for a path: an error must not quote a secret.
    const json = stripBom(fromFile ? readProfile(source) : source);
    parseProfileText(json);
    const base = sanitize(preferredName ?? (fromFile ? basename(source).replace(/\.[^.]*$/, '') : 'profile'));
    const taken = new Set(this.names());
    let name = base;
    if (opts.replace && taken.has(base)) this.remove(base);
    else for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    if (this.box) atomicWrite(join(this.dir, name + SEALED), this.box.seal(json), 0o600);
    else atomicWrite(join(this.dir, name + PLAIN), json, 0o600);
    return { name, json };
  }

  /** Every stored profile that can be read; one that cannot (a key from another machine) is skipped with a reason. */
  list(): { profiles: StoredProfile[]; problems: string[] } {
    const profiles: StoredProfile[] = [];
    const problems: string[] = [];
    for (const name of this.names()) {
      try {
        const sealedPath = join(this.dir, name + SEALED);
        if (existsSync(sealedPath)) {
          if (!this.box) throw new Error('it is sealed with the desktop app’s keychain key; open it in the desktop app');
          profiles.push({ name, json: this.box.open(readFileSync(sealedPath)) });
        } else {
          profiles.push({ name, json: readFileSync(join(this.dir, name + PLAIN), 'utf8') });
        }
      } catch (e) {
        problems.push(`The saved profile "${name}" cannot be read: ${e instanceof Error ? e.message : String(e)}.`);
      }
    }
    return { profiles, problems };
  }

  /** Whether a profile is saved under this name. */
  has(name: string): boolean {
    return this.names().includes(sanitize(name));
  }

  remove(name: string): boolean {
    let removed = false;
    for (const suffix of [SEALED, PLAIN]) {
      const p = join(this.dir, sanitize(name) + suffix);
      if (existsSync(p)) {
        rmSync(p);
        removed = true;
      }
    }
    return removed;
  }

  private names(): string[] {
    if (!existsSync(this.dir)) return [];
    const names = readdirSync(this.dir)
      .map((f) => (f.endsWith(SEALED) ? f.slice(0, -SEALED.length) : f.endsWith(PLAIN) ? f.slice(0, -PLAIN.length) : null))
      .filter((n): n is string => n !== null);
    return [...new Set(names)].sort();
  }
}

/** A profile file's text, or an error that names the path and the reason (never the content). */
function readProfile(path: string): string {
  if (!looksLikeProfilePath(path)) throw new SiltError('bad-request', 'the profile is neither JSON nor the path of a profile file');
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new SiltError('not-found', `no profile file at ${path}`, { cause: e });
    }
    throw new SiltError('io', `cannot read the profile file at ${path} (${code ?? 'unreadable'})`, { cause: e });
  }
}

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_') || 'profile';
}
