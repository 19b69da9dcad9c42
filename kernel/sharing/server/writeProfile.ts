import { chmodSync, writeFileSync } from 'node:fs';

/** Writes a v1 `.share` profile readable only by the owner, since it holds the token. */
export function writeProfile(file: string, endpoint: string, token: string): void {
  const profile = { shareCredentialsVersion: 1, endpoint, bearerToken: token };
  writeFileSync(file, JSON.stringify(profile, null, 2) + '\n', { mode: 0o600 });
  // `mode` only applies when the file is created; an existing profile is tightened too.
  chmodSync(file, 0o600);
}
