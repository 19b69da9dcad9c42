/**
 * Where a window reopens: where it was last closed, as long as that is still on a screen. A monitor
 * that was unplugged, a smaller laptop screen or a changed layout must never leave the window off
 * screen or bigger than the screen it lands on. Pure, so every case is unit-tested.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindowState {
  bounds: Rect;
  maximized: boolean;
}

/** What BrowserWindow is given: a position only when we have one worth keeping. */
export interface WindowPlacement {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 860 };
export const MIN_SIZE = { width: 640, height: 480 };

/**
 * `displays` are the screens' work areas (without task bars and docks), the primary one first. With
 * nothing saved, or a saved state that makes no sense, the window gets the default size, centred by
 * the system. A window that overlaps no screen any more moves to the primary screen's centre.
 */
export function restoreBounds(saved: unknown, displays: Rect[]): WindowPlacement {
  const primary = displays[0];
  const state = asSavedState(saved);
  if (!state || !primary) return { ...fit(DEFAULT_SIZE, primary), maximized: false };
  const b = state.bounds;
  // The screen showing most of the window; none when it went away with its monitor.
  let best: Rect | null = null;
  let bestArea = 0;
  for (const d of displays) {
    const area = overlap(b, d);
    if (area > bestArea) [best, bestArea] = [d, area];
  }
  const screen = best ?? primary;
  const size = fit(b, screen);
  if (!best) {
    return {
      ...size,
      x: Math.round(screen.x + (screen.width - size.width) / 2),
      y: Math.round(screen.y + (screen.height - size.height) / 2),
      maximized: state.maximized,
    };
  }
  // Slide it fully onto its screen (the title bar must be reachable to move it).
  const x = clamp(b.x, screen.x, screen.x + screen.width - size.width);
  const y = clamp(b.y, screen.y, screen.y + screen.height - size.height);
  return { ...size, x, y, maximized: state.maximized };
}

function asSavedState(v: unknown): SavedWindowState | null {
  if (typeof v !== 'object' || v === null) return null;
  const { bounds, maximized } = v as Partial<SavedWindowState>;
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds;
  if (![x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  if (width <= 0 || height <= 0) return null;
  return { bounds: { x, y, width, height }, maximized: maximized === true };
}

/** The size, no smaller than the minimum and no bigger than the screen. */
function fit(size: { width: number; height: number }, screen: Rect | undefined): { width: number; height: number } {
  const maxW = screen?.width ?? Infinity;
  const maxH = screen?.height ?? Infinity;
  return {
    width: Math.round(Math.min(Math.max(size.width, MIN_SIZE.width), maxW)),
    height: Math.round(Math.min(Math.max(size.height, MIN_SIZE.height), maxH)),
  };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.round(Math.min(Math.max(v, lo), Math.max(lo, hi)));
}
