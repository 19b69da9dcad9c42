import { describe, expect, it } from 'vitest';
import {
  editProxyUrl,
  joinProxyPassword,
  savedPasswordLost,
  splitProxyPassword,
  type ProxyFields,
} from '../../../../renderer/settings/proxyPassword';

describe('a proxy password kept apart from its URL', () => {
  it('takes the password out of the URL and leaves the user in it', () => {
    expect(splitProxyPassword('http://analyst:s3cret@proxy.corp:3128')).toEqual({
      url: 'http://analyst@proxy.corp:3128',
      password: 's3cret',
    });
    expect(splitProxyPassword('analyst:s3cret@proxy.corp:3128')).toEqual({ url: 'analyst@proxy.corp:3128', password: 's3cret' });
  });

  it('leaves a URL without a password as it is', () => {
    expect(splitProxyPassword('http://proxy.corp:3128')).toEqual({ url: 'http://proxy.corp:3128', password: null });
    expect(splitProxyPassword('http://analyst@proxy.corp:3128')).toEqual({ url: 'http://analyst@proxy.corp:3128', password: null });
    expect(splitProxyPassword('http://[::1]:3128/')).toEqual({ url: 'http://[::1]:3128/', password: null });
  });

  it('reads a raw @ as part of the password and decodes escapes', () => {
    expect(splitProxyPassword('http://a:p@ss@proxy:3128')).toEqual({ url: 'http://a@proxy:3128', password: 'p@ss' });
    expect(splitProxyPassword('http://a:p%40ss%2F1@proxy:3128')).toEqual({ url: 'http://a@proxy:3128', password: 'p@ss/1' });
    expect(splitProxyPassword('http://a:100%@proxy:3128')).toEqual({ url: 'http://a@proxy:3128', password: '100%' });
  });

  it('puts the password back escaped, so the URL still parses to the same password', () => {
    const joined = joinProxyPassword('http://analyst@proxy.corp:3128', 'p@ss:w/rd%');
    const url = new URL(joined);
    expect(url.host).toBe('proxy.corp:3128');
    expect(decodeURIComponent(url.username)).toBe('analyst');
    expect(decodeURIComponent(url.password)).toBe('p@ss:w/rd%');
    expect(joinProxyPassword('proxy.corp:3128', 'pw')).toBe(':pw@proxy.corp:3128');
  });

  it('keeps the kernel mask **** as it is, so a saved password stays', () => {
    const { url, password } = splitProxyPassword('http://analyst:****@proxy:3128');
    expect(joinProxyPassword(url, password!)).toBe('http://analyst:****@proxy:3128');
  });

  it('adds nothing without a password or without a URL', () => {
    expect(joinProxyPassword('http://proxy:3128', '')).toBe('http://proxy:3128');
    expect(joinProxyPassword('', 'pw')).toBe('');
  });

  it('knows when the saved password (****) would not survive: only a changed address loses it', () => {
    const shown = 'http://analyst@proxy:3128';
    expect(savedPasswordLost(shown, shown, '****')).toBe(false);
    expect(savedPasswordLost(shown, 'http://analyst@proxy:3129', '****')).toBe(true);
    expect(savedPasswordLost(shown, 'http://analyst@proxy:3129', 'typed-again')).toBe(false);
    expect(savedPasswordLost(shown, '', '****')).toBe(false);
  });

  /** Types `text` into the URL field key by key; every value the field showed, and the end state. */
  function type(text: string, start: ProxyFields = { url: '', password: '', typingPassword: false }) {
    let state = start;
    const shown: string[] = [];
    for (const ch of text) {
      state = editProxyUrl(state, state.url + ch);
      shown.push(state.url);
    }
    return { url: state.url, password: state.password, shown };
  }

  it('sends a password typed into the URL to its field key by key, never showing it', () => {
    const r = type('http://analyst:s3cr:et@proxy.corp:3128');
    expect(r).toMatchObject({ url: 'http://analyst@proxy.corp:3128', password: 's3cr:et' });
    expect(r.shown.filter((v) => /analyst:./.test(v))).toEqual([]);
  });

  it('shows only the digits a password starts with, until a letter says it is no port', () => {
    const r = type('http://analyst:12ab@proxy:3128');
    expect(r).toMatchObject({ url: 'http://analyst@proxy:3128', password: '12ab' });
    expect(r.shown.filter((v) => /analyst:./.test(v))).toEqual(['http://analyst:1', 'http://analyst:12']);
  });

  it('leaves a host and port, bare or with a scheme, and an IPv6 host as typed, and the password field alone', () => {
    for (const url of ['http://proxy.corp:3128', 'proxy.corp:3128', 'http://[::1]:3128', 'https://analyst@proxy:443/']) {
      expect(type(url, { url: '', password: 'kept', typingPassword: false })).toMatchObject({ url, password: 'kept' });
    }
  });

  it('replaces the password with a pasted one, and keeps it when the URL is edited without one', () => {
    const f = { url: 'http://a@p:1', password: 'old', typingPassword: false };
    expect(editProxyUrl(f, 'http://a@p:12')).toEqual({ url: 'http://a@p:12', password: 'old', typingPassword: false });
    expect(editProxyUrl(f, 'http://a:new@p:1')).toEqual({ url: 'http://a@p:1', password: 'new', typingPassword: false });
  });
});
