/** Where Silt keeps its own files: the per-user app data folder of each OS (SILT_HOME overrides). */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function appDataDir(): string {
  if (process.env.SILT_HOME) return process.env.SILT_HOME;
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Silt');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Silt');
  return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'silt');
}

export function defaultWorkspace(): string {
  return join(appDataDir(), 'workspace');
}
