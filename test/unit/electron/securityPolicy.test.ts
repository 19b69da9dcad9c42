import { describe, expect, it } from 'vitest';
import {
  allowPermission,
  isAppUrl,
  isExternalLink,
  isTrustedSender,
  navigationDecision,
  WEB_PREFERENCES,
  windowOpenDecision,
} from '../../../electron/securityPolicy';
import { notebookFromArgv, urlForNotebook } from '../../../electron/notebookArg';

describe('the desktop shell', () => {
  it('runs pages without Node, sandboxed and context-isolated', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('lets the window navigate only within the kernel origin', () => {
    const origin = 'http://127.0.0.1:4321';
    expect(isAppUrl('http://127.0.0.1:4321/?path=x.ipynb', origin)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:4322/', origin)).toBe(false);
    expect(isAppUrl('https://example.com/', origin)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', origin)).toBe(false);
    expect(isAppUrl('not a url', origin)).toBe(false);
  });

  it('sends only http(s) links to the system browser', () => {
    expect(isExternalLink('https://delta.io/')).toBe(true);
    expect(isExternalLink('file:///etc/passwd')).toBe(false);
    expect(isExternalLink('javascript:alert(1)')).toBe(false);
  });

  it('answers IPC only from the app page itself', () => {
    const app = 'http://127.0.0.1:4321';
    expect(isTrustedSender('http://127.0.0.1:4321/?token=abc&path=a.ipynb', app)).toBe(true);
    expect(isTrustedSender('http://127.0.0.1:4321/?view=dashboard', app)).toBe(true);
    // Another port on the same machine is another program (or another Silt).
    expect(isTrustedSender('http://127.0.0.1:4322/', app)).toBe(false);
    expect(isTrustedSender('http://localhost:4321/', app)).toBe(false);
    expect(isTrustedSender('https://example.com/', app)).toBe(false);
    // A blob: URL the page made from an output carries the app's origin, but it is not the app.
    expect(new URL('blob:http://127.0.0.1:4321/5a1c').origin).toBe(app);
    expect(isTrustedSender('blob:http://127.0.0.1:4321/5a1c', app)).toBe(false);
    expect(isTrustedSender('data:text/html,<h1>x</h1>', app)).toBe(false);
    expect(isTrustedSender('file:///tmp/report.html', app)).toBe(false);
    expect(isTrustedSender('about:blank', app)).toBe(false);
    expect(isTrustedSender('', app)).toBe(false);
    expect(isTrustedSender(undefined, app)).toBe(false);
    // Before the kernel is up there is no app to trust.
    expect(isTrustedSender('http://127.0.0.1:4321/', null)).toBe(false);
  });

  it('keeps windows on the app: web links go to the browser, other navigations and redirects nowhere', () => {
    const app = 'http://127.0.0.1:4321';
    expect(navigationDecision('http://127.0.0.1:4321/?path=b.ipynb', app)).toBe('allow');
    expect(navigationDecision('https://delta.io/sharing', app)).toBe('external');
    expect(navigationDecision('http://127.0.0.1:8080/', app)).toBe('external');
    expect(navigationDecision('file:///etc/passwd', app)).toBe('block');
    expect(navigationDecision('javascript:alert(1)', app)).toBe('block');
    expect(navigationDecision('silt-other://x', app)).toBe('block');
    expect(navigationDecision('http://127.0.0.1:4321/', null)).toBe('external');
    expect(windowOpenDecision('http://127.0.0.1:4321/?view=dashboard&path=a.ipynb', app)).toBe('app-window');
    expect(windowOpenDecision('https://delta.io/', app)).toBe('external');
    expect(windowOpenDecision('data:text/html,x', app)).toBe('deny');
  });

  it('grants only clipboard writing, and only to the app page', () => {
    const app = 'http://127.0.0.1:4321';
    // The permission check handler gets an origin, the request handler a full URL: both work.
    expect(allowPermission('clipboard-sanitized-write', 'http://127.0.0.1:4321', app)).toBe(true);
    expect(allowPermission('clipboard-sanitized-write', 'http://127.0.0.1:4321/?token=t', app)).toBe(true);
    expect(allowPermission('clipboard-sanitized-write', 'https://example.com', app)).toBe(false);
    expect(allowPermission('clipboard-sanitized-write', 'file:///tmp/report.html', app)).toBe(false);
    for (const p of ['clipboard-read', 'geolocation', 'media', 'notifications', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb']) {
      expect(allowPermission(p, 'http://127.0.0.1:4321', app)).toBe(false);
    }
  });

  it('opens the notebook it was launched with (file association)', () => {
    expect(notebookFromArgv(['/opt/Silt/silt', '--no-sandbox', '/home/a/Sales Report.ipynb'], '/tmp')).toBe('/home/a/Sales Report.ipynb');
    // A relative name is the launching shell's, not the kernel's workspace.
    expect(notebookFromArgv(['/opt/Silt/silt', 'q3/Sales.IPYNB'], '/home/a/reports')).toBe('/home/a/reports/q3/Sales.IPYNB');
    expect(notebookFromArgv(['/opt/Silt/silt', 'notes.txt'], '/tmp')).toBeUndefined();
    expect(notebookFromArgv(['/opt/Silt/silt'], '/tmp')).toBeUndefined();
    const u = new URL(urlForNotebook('http://127.0.0.1:5000/?token=abc', '/home/a/Sales Report.ipynb'));
    expect(u.searchParams.get('token')).toBe('abc');
    expect(u.searchParams.get('path')).toBe('/home/a/Sales Report.ipynb');
  });
});
