/**
 * Fuzzes the profile parser with random and mutated profiles, as Add profile… and `--profile` feed it:
 * it must either return a profile or throw a SiltError `bad-request`, never a TypeError, and no
 * error (message, JSON form or util.inspect, cause included) may contain the profile's token.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SiltError } from '../../common/SiltError';
import { ProfileStore } from '../../kernel/host/ProfileStore';
import { parseProfile, parseProfileText } from '../../kernel/sharing/client';
import { applyMutations, mutation } from './mutate';

const TIME_LIMIT_MS = 8_000;

/** Tokens as providers issue them: long, with digits, so they read as secrets. */
const token = fc.stringMatching(/^[A-Za-z0-9_-]{20,40}$/).map((t) => `dapi${t}7`);

const profileObject = fc.record({
  shareCredentialsVersion: fc.constantFrom(1, 2, undefined, '1', 0, 3, null),
  endpoint: fc.constantFrom('https://sharing.example.com/delta-sharing/', 'http://127.0.0.1:9/x', 'ftp://x', '', 'https://'),
  type: fc.constantFrom('bearer_token', 'oauth_client_credentials', 'basic', 'magic', undefined),
  expirationTime: fc.constantFrom(undefined, '2030-01-01T00:00:00Z', 'soon', '', 12),
  extra: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
});

const mutatedProfile = fc.tuple(token, profileObject, fc.array(mutation, { maxLength: 4 })).map(([secret, p, mutations]) => {
  const obj: Record<string, unknown> = {
    ...p,
    bearerToken: secret,
    clientSecret: secret,
    password: secret,
    clientId: 'id',
    username: 'u',
    tokenEndpoint: 'https://t',
  };
  for (const k of Object.keys(obj)) if (obj[k] === undefined) delete obj[k];
  return { secret, text: applyMutations(JSON.stringify(obj, null, Math.random() < 0.5 ? 2 : 0), mutations) };
});

const randomText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.jsonValue().map((v) => JSON.stringify(v) ?? 'undefined'),
);

let dir: string | undefined;
function storeAdd(text: string): void {
  dir ??= mkdtempSync(join(tmpdir(), 'silt-fuzz-profile-'));
  const path = join(dir, 'p.share');
  writeFileSync(path, text);
  const store = new ProfileStore(dir, null);
  // Forget what was stored, so the store does not grow with every accepted case.
  store.remove(store.add(path, 'fuzz').name);
}

/** Runs `parse`, checking the outcome; returns whether it threw. */
function check(parse: () => unknown, secret: string | undefined, codes: string[] = ['bad-request']): void {
  try {
    parse();
  } catch (e) {
    expect(e).toBeInstanceOf(SiltError);
    expect(codes).toContain((e as SiltError).code);
    if (secret) {
      for (const shown of [(e as Error).message, JSON.stringify(e), inspect(e, { depth: 5 }), String(e)])
        expect(shown).not.toContain(secret);
    }
  }
}

describe('fuzz: profile parser', () => {
  it('random and mutated profiles: a profile or a bad-request SiltError, never the token in an error', () => {
    let cases = 0;
    const started = Date.now();
    fc.assert(
      fc.property(
        fc.oneof(
          { arbitrary: mutatedProfile, weight: 4 },
          { arbitrary: randomText.map((text) => ({ secret: undefined, text })), weight: 1 },
        ),
        ({ secret, text }) => {
          cases++;
          check(() => parseProfileText(text), secret);
          if (text.trimStart().startsWith('{')) check(() => parseProfile(text), secret);
          // Add profile… with a path: the file's content must never come back in the error.
          check(() => storeAdd(text), secret);
        },
      ),
      { numRuns: 1_000_000, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
    );
    console.log(
      `fuzz profile parser: ${cases} cases (parseProfileText, parseProfile, ProfileStore.add) ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s, 0 failures`,
    );
    expect(cases).toBeGreaterThan(1000);
  }, 30_000);

  it('a BOM at the start of a profile file loads', () => {
    const text = '\uFEFF' + JSON.stringify({ shareCredentialsVersion: 1, endpoint: 'https://h/x', bearerToken: 'dapi0123456789abcdef' });
    expect(parseProfileText(text).endpoint).toBe('https://h/x');
    dir ??= mkdtempSync(join(tmpdir(), 'silt-fuzz-profile-'));
    const path = join(dir, 'bom.share');
    writeFileSync(path, text);
    expect(parseProfile(path).endpoint).toBe('https://h/x');
    expect(() => storeAdd(text)).not.toThrow();
  });
});
