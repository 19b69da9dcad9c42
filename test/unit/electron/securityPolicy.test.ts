import { describe, expect, it } from 'vitest';
import { allowPermission, isAppUrl, isExternalLink, WEB_PREFERENCES } from '../../../electron/securityPolicy';
import { notebookFromArgv, urlForNotebook } from '../../../electron/notebookArg';

describe('the desktop shell', () => {
  it('runs pages without Node, sandboxed and context-isolated', () => {
    expect(WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  });

  it('lets the window navigate only within the kernel origin', () => {
    const origin = 'http://127.0.0.1:4321';
    expect(isAppUrl('http://127.0.0.1:4321/?path=x.ipynb', origin)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:4322/', origin)).toBe(false);
    expect(isAppUrl('https://example.com/', origin)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', origin)).toBe(false);
    expect(isAppUrl('not a url', origin)).toBe(false);
  });

  it('sends only http(s) links to the system browser and denies other permissions', () => {
    expect(isExternalLink('https://delta.io/')).toBe(true);
    expect(isExternalLink('file:///etc/passwd')).toBe(false);
    expect(isExternalLink('javascript:alert(1)')).toBe(false);
    expect(allowPermission('geolocation')).toBe(false);
    expect(allowPermission('media')).toBe(false);
  });

  it('opens the notebook it was launched with (file association)', () => {
    expect(notebookFromArgv(['/opt/Silt/silt', '--no-sandbox', '/home/a/Sales Report.ipynb'])).toBe('/home/a/Sales Report.ipynb');
    expect(notebookFromArgv(['/opt/Silt/silt'])).toBeUndefined();
    const u = new URL(urlForNotebook('http://127.0.0.1:5000/?token=abc', '/home/a/Sales Report.ipynb'));
    expect(u.searchParams.get('token')).toBe('abc');
    expect(u.searchParams.get('path')).toBe('/home/a/Sales Report.ipynb');
  });
});
