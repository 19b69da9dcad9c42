/**
 * Opens a URL in the system's Chromium/Chrome or default browser when there is a display to show it.
 * Returns what it did, so the caller can say so; never throws.
 */
import { spawn, spawnSync } from 'node:child_process';

export function hasDisplay(): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

export function openBrowser(url: string): string | null {
  if (!hasDisplay()) return null;
  const candidates: [string, string[]][] =
    process.platform === 'darwin'
      ? [['open', [url]]]
      : process.platform === 'win32'
        ? [['cmd', ['/c', 'start', '', url]]]
        : [
            ['chromium', [`--app=${url}`]],
            ['chromium-browser', [`--app=${url}`]],
            ['google-chrome', [`--app=${url}`]],
            ['xdg-open', [url]],
          ];
  for (const [cmd, args] of candidates) {
    if (process.platform === 'linux' && spawnSync('which', [cmd]).status !== 0) continue;
    try {
      const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
      child.on('error', () => {});
      child.unref();
      return cmd;
    } catch {
      // try the next one
    }
  }
  return null;
}
