/**
 * App-wide rules for every web page the shell ever creates (windows, the hidden PDF printer, any
 * future one), attached when its WebContents is created so no window can be made without them:
 * no `<webview>`, no navigation or redirect away from the app, new windows only for the app's own
 * pages, web links in the system browser, and no permission but writing the clipboard.
 */
import { app, session, shell, type Session, type WebContents } from 'electron';
import { allowPermission, navigationDecision, windowOpenDecision } from './securityPolicy';

export interface GuardOptions {
  /** The kernel's origin, once it is known; until then nothing is the app. */
  appOrigin(): string | null;
  /** Opens an app URL in a new Silt window (the page asked for one: a notebook as a dashboard). */
  openAppWindow(url: string): void;
}

/** Call before the app is ready: the session's handlers are set as soon as it exists, before any window. */
export function guardAllContents(opts: GuardOptions): void {
  app.on('web-contents-created', (_e, contents) => guardContents(contents, opts));
  // The default session can only be reached once the app is ready.
  void app.whenReady().then(() => guardSession(session.defaultSession, opts));
}

function guardSession(s: Session, { appOrigin }: GuardOptions): void {
  s.setPermissionRequestHandler((_wc, permission, cb, details) => cb(allowPermission(permission, details.requestingUrl, appOrigin())));
  s.setPermissionCheckHandler((_wc, permission, requestingOrigin) => allowPermission(permission, requestingOrigin, appOrigin()));
}

function guardContents(contents: WebContents, { appOrigin, openAppWindow }: GuardOptions): void {
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.on('will-navigate', (e) => {
    const decision = navigationDecision(e.url, appOrigin());
    if (decision === 'allow') return;
    e.preventDefault();
    if (decision === 'external') void shell.openExternal(e.url);
  });
  // The kernel never redirects; a redirect away from it is someone else's doing, so it only stops.
  contents.on('will-redirect', (e) => {
    if (navigationDecision(e.url, appOrigin()) !== 'allow') e.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url, appOrigin());
    if (decision === 'app-window') openAppWindow(url);
    else if (decision === 'external') void shell.openExternal(url);
    return { action: 'deny' };
  });
}
