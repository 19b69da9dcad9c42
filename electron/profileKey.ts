/**
 * The key that seals saved profile tokens, kept in the OS keychain through Electron's safeStorage
 * (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux). The kernel gets it in its
 * environment at launch and drops it from there at once; sessions never see it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The part of Electron's safeStorage used here. */
export interface Keychain {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export const KEY_FILE = 'profile-key.bin';

/**
 * The base64 key, created on first use. Null when the OS offers no keychain or it cannot open the
 * stored key (then profiles are kept as user-only files, and sealed ones are reported unreadable
 * rather than overwritten: a new key would lose them for good).
 */
export function profileKey(keychain: Keychain, dir: string): string | null {
  if (!keychain.isEncryptionAvailable()) return null;
  const file = join(dir, KEY_FILE);
  if (existsSync(file)) {
    try {
      return keychain.decryptString(readFileSync(file));
    } catch {
      return null;
    }
  }
  const key = randomBytes(32).toString('base64');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, keychain.encryptString(key), { mode: 0o600 });
  return key;
}
