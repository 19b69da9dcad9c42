import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../kernel/host/ProfileStore';
import { SecretBox } from '../../../kernel/host/secretBox';

const TOKEN = 'tok-9f8e7d6c5b4a3210';
const profile = (endpoint = 'https://sharing.example.com/delta-sharing') =>
  JSON.stringify({ shareCredentialsVersion: 1, endpoint, bearerToken: TOKEN });
const key = () => SecretBox.fromBase64(randomBytes(32).toString('base64'));

describe('saved profiles', () => {
  it('pasted text that is not JSON (its opening brace lost) is refused without quoting it, token included', () => {
    const store = new ProfileStore(mkdtempSync(join(tmpdir(), 'silt-ps-')), null);
    const mangled = profile().slice(1);
    let caught: unknown;
    try {
      store.add(mangled);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'bad-request', message: expect.stringMatching(/neither JSON nor the path/) });
    expect((caught as Error).message).not.toContain(TOKEN);
    expect(store.list().profiles).toEqual([]);
  });

  it('sealed with the keychain key: the token is not on disk in clear, and the profile reads back', () => {
    const home = mkdtempSync(join(tmpdir(), 'silt-ps-'));
    const box = key();
    const store = new ProfileStore(home, box);
    expect(store.add(profile(), 'lab').name).toBe('lab');
    const files = readdirSync(store.dir);
    expect(files).toEqual(['lab.share.sealed']);
    expect(readFileSync(join(store.dir, files[0])).toString('latin1')).not.toContain(TOKEN);
    expect(statSync(join(store.dir, files[0])).mode & 0o077).toBe(0);
    expect(new ProfileStore(home, box).list().profiles).toEqual([{ name: 'lab', json: profile() }]);
  });

  it('without a key, a file only the user can read; names stay unique and SQL-safe', () => {
    const home = mkdtempSync(join(tmpdir(), 'silt-ps-'));
    const store = new ProfileStore(home, null);
    const path = join(home, 'my lab.share');
    writeFileSync(path, profile());
    expect(store.add(path).name).toBe('my_lab');
    expect(store.add(profile()).name).toBe('profile');
    expect(store.add(profile()).name).toBe('profile_2');
    expect(statSync(join(store.dir, 'my_lab.share')).mode & 0o077).toBe(0);
    expect(store.list().profiles.map((p) => p.name)).toEqual(['my_lab', 'profile', 'profile_2']);
    expect(store.remove('profile')).toBe(true);
    expect(store.list().profiles.map((p) => p.name)).toEqual(['my_lab', 'profile_2']);
  });

  it('refuses an invalid profile with the parser’s message and stores nothing', () => {
    const home = mkdtempSync(join(tmpdir(), 'silt-ps-'));
    const store = new ProfileStore(home, null);
    expect(() => store.add(JSON.stringify({ shareCredentialsVersion: 1, bearerToken: TOKEN }))).toThrow(/no "endpoint"/);
    expect(store.list().profiles).toEqual([]);
  });

  it('a profile sealed with another key is reported, not fatal, and the others still load', () => {
    const home = mkdtempSync(join(tmpdir(), 'silt-ps-'));
    new ProfileStore(home, key()).add(profile(), 'old');
    const store = new ProfileStore(home, key());
    store.add(profile('https://other.example.com/ds'), 'new');
    const { profiles, problems } = store.list();
    expect(profiles.map((p) => p.name)).toEqual(['new']);
    expect(problems).toEqual([expect.stringContaining('"old" cannot be read')]);
    expect(problems.join()).not.toContain(TOKEN);
  });
});
