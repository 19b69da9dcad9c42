/**
 * The last window's size, position and maximized state, in `window-state.json` under the app's user
 * data folder. Written once when a window closes (not on every move), beside its name and renamed,
 * so a crash mid-write leaves the old file; an unreadable file just means default placement.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SavedWindowState } from './restoreBounds';

const FILE = 'window-state.json';

export function readWindowState(userData: string): unknown {
  try {
    return JSON.parse(readFileSync(join(userData, FILE), 'utf8'));
  } catch {
    return null; // never saved yet, or damaged: restoreBounds falls back to the defaults
  }
}

export function writeWindowState(userData: string, state: SavedWindowState): void {
  try {
    mkdirSync(userData, { recursive: true });
    const tmp = join(userData, `.${FILE}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, join(userData, FILE));
  } catch (e) {
    // Losing the window's place is not worth an error dialog while the app quits.
    console.warn(`Silt could not remember the window's place: ${(e as Error).message}`);
  }
}
