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

/** Links the user clicks in outputs: http(s) ones go to the system browser, nothing else anywhere. */
export function isExternalLink(target: string): boolean {
  try {
    const u = new URL(target);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Permission requests (camera, geolocation, notifications, ...) a notebook never needs. */
export function allowPermission(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}
