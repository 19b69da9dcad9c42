/**
 * A window reopens where it was closed, but always on a screen that is there now, never bigger than
 * it, and with its title bar reachable.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, MIN_SIZE, restoreBounds, type Rect } from '../../../electron/restoreBounds';
import { readWindowState, writeWindowState } from '../../../electron/windowStateFile';

// Work areas: a 1920×1080 laptop with a 40 px task bar, and a 2560×1440 monitor to its right.
const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const monitor: Rect = { x: 1920, y: 0, width: 2560, height: 1440 };
const onScreen = (b: { x?: number; y?: number; width: number; height: number }, s: Rect) =>
  b.x! >= s.x && b.y! >= s.y && b.x! + b.width <= s.x + s.width && b.y! + b.height <= s.y + s.height;

describe('restoreBounds', () => {
  it('gives the default size, placed by the system, when nothing (or nonsense) was saved', () => {
    for (const saved of [
      null,
      undefined,
      'x',
      {},
      { bounds: { x: 1, y: 2, width: 'wide', height: 3 } },
      { bounds: { x: 0, y: 0, width: -5, height: 10 } },
    ]) {
      expect(restoreBounds(saved, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    }
    expect(restoreBounds({ bounds: { x: NaN, y: 0, width: 800, height: 600 } }, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('puts a window back exactly where it was on a screen that is still there, maximized or not', () => {
    const saved = { bounds: { x: 2100, y: 120, width: 1400, height: 900 }, maximized: true };
    expect(restoreBounds(saved, [laptop, monitor])).toEqual({ x: 2100, y: 120, width: 1400, height: 900, maximized: true });
  });

  it('moves a window whose monitor went away to the centre of the primary screen, shrunk to fit', () => {
    const saved = { bounds: { x: 2100, y: 120, width: 2200, height: 1300 }, maximized: false };
    const placed = restoreBounds(saved, [laptop]);
    expect(placed).toEqual({ x: 0, y: 0, width: 1920, height: 1040, maximized: false });
    const smaller = restoreBounds({ bounds: { x: 3000, y: 500, width: 1000, height: 700 } }, [laptop]);
    expect(smaller).toEqual({ x: (1920 - 1000) / 2, y: (1040 - 700) / 2, width: 1000, height: 700, maximized: false });
  });

  it('slides a window that hangs over an edge fully onto the screen showing most of it', () => {
    // Mostly on the laptop, its title bar above the top and its right edge past the laptop's.
    const placed = restoreBounds({ bounds: { x: 1300, y: -200, width: 1000, height: 800 } }, [laptop, monitor]);
    expect(placed).toMatchObject({ width: 1000, height: 800 });
    expect(onScreen(placed, laptop)).toBe(true);
    // Mostly on the monitor: it goes there.
    const right = restoreBounds({ bounds: { x: 1800, y: 1000, width: 1200, height: 800 } }, [laptop, monitor]);
    expect(onScreen(right, monitor)).toBe(true);
  });

  it('keeps a screen left of or above the primary one (negative coordinates)', () => {
    const left: Rect = { x: -1280, y: -200, width: 1280, height: 1024 };
    const saved = { bounds: { x: -1200, y: -150, width: 1000, height: 700 }, maximized: false };
    expect(restoreBounds(saved, [laptop, left])).toEqual({ x: -1200, y: -150, width: 1000, height: 700, maximized: false });
  });

  it('never makes a window smaller than the minimum', () => {
    const placed = restoreBounds({ bounds: { x: 100, y: 100, width: 50, height: 20 } }, [laptop]);
    expect(placed).toMatchObject({ width: MIN_SIZE.width, height: MIN_SIZE.height });
    expect(onScreen(placed, laptop)).toBe(true);
  });

  it('round-trips through window-state.json, and a damaged file means default placement', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'silt-win-')), 'userData');
    expect(readWindowState(dir)).toBeNull();
    writeWindowState(dir, { bounds: { x: 2100, y: 120, width: 1400, height: 900 }, maximized: false });
    expect(restoreBounds(readWindowState(dir), [laptop, monitor])).toEqual({ x: 2100, y: 120, width: 1400, height: 900, maximized: false });
    writeFileSync(join(dir, 'window-state.json'), '{"bounds": {"x": 1');
    expect(restoreBounds(readWindowState(dir), [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });
});
