/**
 * The proxy rules an analyst's machine already has (HTTPS_PROXY, NO_PROXY) decide, for each request,
 * whether it goes through the company proxy; a wrong decision means "cannot connect" on a network
 * where every other tool works.
 */
import { describe, expect, it } from 'vitest';
import { proxyFor, proxySettingsFromEnv, proxyVariable } from '../../../kernel/net/proxySettings';

const via = (env: NodeJS.ProcessEnv, url: string) => proxyFor(new URL(url), proxySettingsFromEnv(env))?.host ?? null;

describe('proxy settings', () => {
  it('sends requests through HTTPS_PROXY, and HTTP through HTTP_PROXY', () => {
    const env = { HTTPS_PROXY: 'http://secure.corp:8443', HTTP_PROXY: 'http://plain.corp:3128' };
    expect(via(env, 'https://sharing.example.com/delta-sharing')).toBe('secure.corp:8443');
    expect(via(env, 'http://sharing.example.com/delta-sharing')).toBe('plain.corp:3128');
    // As curl and Python's requests: HTTPS never falls back to HTTP_PROXY; ALL_PROXY covers both.
    expect(via({ HTTP_PROXY: 'http://plain.corp:3128' }, 'https://s3.amazonaws.com/x')).toBeNull();
    expect(via({ ALL_PROXY: 'http://every.corp:1' }, 'https://s3.amazonaws.com/x')).toBe('every.corp:1');
    expect(via({ ALL_PROXY: 'http://every.corp:1', HTTP_PROXY: 'http://plain.corp:3128' }, 'http://a.b/')).toBe('plain.corp:3128');
    // Lower case wins over upper case.
    expect(via({ https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }, 'https://a.b/')).toBe('lower:1');
    expect(via({ HTTPS_PROXY: 'proxy.corp:3128' }, 'https://a.b/')).toBe('proxy.corp:3128');
    expect(via({}, 'https://sharing.example.com/')).toBeNull();
  });

  it('remembers which variable set each proxy, for messages that say what to fix', () => {
    const settings = proxySettingsFromEnv({ https_proxy: 'http://a:1', ALL_PROXY: 'http://b:2' });
    expect(proxyVariable(proxyFor(new URL('https://x.y/'), settings)!)).toBe('https_proxy');
    expect(proxyVariable(proxyFor(new URL('http://x.y/'), settings)!)).toBe('ALL_PROXY');
  });

  it('never proxies this machine when NO_PROXY is not set, but obeys NO_PROXY exactly when it is', () => {
    const env = { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1' };
    for (const url of ['http://127.0.0.1:8080/', 'http://localhost:1/', 'http://[::1]:9/', 'http://127.5.6.7/'])
      expect(via(env, url)).toBeNull();
    expect(via({ ...env, NO_PROXY: 'example.invalid' }, 'http://127.0.0.1:8080/')).toBe('p:1');
  });

  it('reads NO_PROXY as hosts with their subdomains, IPs, subnets, ports and *', () => {
    const env = { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.internal.corp, storage.example.com:443 10.0.0.0/8,[fd00::1], *.lake.io' };
    expect(via(env, 'https://internal.corp/')).toBeNull();
    expect(via(env, 'https://a.b.internal.corp/')).toBeNull();
    expect(via(env, 'https://notinternal.corp/')).toBe('p:1');
    expect(via(env, 'https://storage.example.com/x')).toBeNull();
    expect(via(env, 'https://storage.example.com:8443/x')).toBe('p:1');
    expect(via(env, 'https://10.20.30.40/')).toBeNull();
    expect(via(env, 'https://11.0.0.1/')).toBe('p:1');
    expect(via(env, 'https://[fd00::1]/')).toBeNull();
    expect(via(env, 'https://eu.lake.io/')).toBeNull();
    expect(via({ HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, 'https://anything.example/')).toBeNull();
  });

  it('refuses a malformed or unsupported proxy naming the variable, never quoting its credentials', () => {
    let thrown: unknown;
    try {
      proxySettingsFromEnv({ HTTPS_PROXY: 'http://user:s3cret@[bad' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ code: 'bad-request', message: expect.stringContaining('HTTPS_PROXY is not a valid proxy URL') });
    expect((thrown as Error).message).not.toContain('s3cret');
    expect(() => proxySettingsFromEnv({ HTTPS_PROXY: 'socks5://p:1080' })).toThrow(expect.objectContaining({ code: 'unsupported' }));
  });
});
