/**
 * The shell's security rules, kept free of Electron imports so they are tested in plain Node.
 * The window shows only the local kernel's pages; everything else opens in the system browser or
 * nowhere.
 */

/** webPreferences for every Silt window: no Node in the page, a sandboxed renderer, isolated preload. */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  spellcheck: false,
} as const;

/** May the window navigate to `target`? Only within the kernel's own origin. */
export function isAppUrl(target: string, kernelOrigin: string): boolean {
  try {
    return new URL(target).origin === kernelOrigin;
  } catch {
    return false;
  }
}

/**
 * May a frame at `frameUrl` call the shell (an IPC message)? Only the app's own pages, served over
 * http by the kernel. A `blob:` URL made by the app has the app's origin too (`new URL` says so), but
 * it is content the page built from a notebook's outputs, so it is refused like any other scheme.
 */
export function isTrustedSender(frameUrl: string | undefined, appOrigin: string | null): boolean {
  if (!frameUrl || !appOrigin) return false;
  try {
    const u = new URL(frameUrl);
    return u.protocol === 'http:' && u.origin === appOrigin;
  } catch {
    return false;
  }
}

/** Links the user clicks in outputs: http(s) ones go to the system browser, nothing else anywhere. */
export function isExternalLink(target: string): boolean {
  try {
    const u = new URL(target);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * What a window does when its page navigates (a clicked link without a target, a script setting
 * `location`): stay for the app's own pages; a web link goes to the system browser instead; the rest
 * (file:, javascript:, custom schemes) goes nowhere.
 */
export function navigationDecision(target: string, appOrigin: string | null): 'allow' | 'external' | 'block' {
  if (appOrigin && isAppUrl(target, appOrigin)) return 'allow';
  return isExternalLink(target) ? 'external' : 'block';
}

/**
 * What `window.open` (or a link with `target=_blank`) does: another view of the app (a notebook as a
 * dashboard) opens in a Silt window with the same policies; a web link goes to the system browser.
 */
export function windowOpenDecision(target: string, appOrigin: string | null): 'app-window' | 'external' | 'deny' {
  const d = navigationDecision(target, appOrigin);
  return d === 'allow' ? 'app-window' : d === 'external' ? 'external' : 'deny';
}

/**
 * Permission requests and checks (camera, geolocation, notifications, ...): a notebook needs only to
 * write the clipboard (Copy in the grid, the chart builder's code), and only the app's own pages may.
 */
export function allowPermission(permission: string, requestingUrl: string | undefined, appOrigin: string | null): boolean {
  if (permission !== 'clipboard-sanitized-write') return false;
  return isTrustedSender(requestingUrl, appOrigin);
}

/** The frame an IPC message came from, as Electron describes it (`senderFrame`). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * Is an IPC message answered? Only from the app's own page in a window's top frame: senderFrame is
 * null once the frame navigated away or went, and only a main frame has no parent.
 */
export function isTrustedFrame(frame: SenderFrame | null | undefined, appOrigin: string | null): boolean {
  return !!frame && frame.parent === null && isTrustedSender(frame.url, appOrigin);
}
