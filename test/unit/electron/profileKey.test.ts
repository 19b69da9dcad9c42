import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_FILE, profileKey, type Keychain } from '../../../electron/profileKey';

/**
 * Electron's safeStorage cannot run outside Electron; this stands in for the OS keychain with a
 * reversible transform so the shell's own logic (create once, reuse, never overwrite) is tested.
 */
function keychain(available = true, failing = false): Keychain {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)),
    decryptString: (b) => {
      if (failing) throw new Error('keychain locked');
      return Buffer.from([...b].map((x) => x ^ 0x5a)).toString();
    },
  };
}

describe('profile key in the OS keychain', () => {
  it('is created once, stored only in sealed form, and the same key comes back on the next start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-key-'));
    const first = profileKey(keychain(), dir)!;
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    const stored = readFileSync(join(dir, KEY_FILE));
    expect(stored.toString('latin1')).not.toContain(first);
    expect(statSync(join(dir, KEY_FILE)).mode & 0o077).toBe(0);
    expect(profileKey(keychain(), dir)).toBe(first);
  });

  it('without a keychain there is no key; a keychain that cannot open the key leaves the file alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-key-'));
    expect(profileKey(keychain(false), dir)).toBeNull();
    const key = profileKey(keychain(), dir);
    const before = readFileSync(join(dir, KEY_FILE));
    expect(profileKey(keychain(true, true), dir)).toBeNull();
    expect(readFileSync(join(dir, KEY_FILE))).toEqual(before);
    expect(profileKey(keychain(), dir)).toBe(key);
  });
});
