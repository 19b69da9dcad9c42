/**
 * What the shell knows of each window's tabs: the page reports the notebooks its tabs show
 * (`silt:tabs`), and the shell remembers which window had focus last. A window whose page has not
 * reported yet (still loading, or reloading after a crash) cannot hear a request, so notebooks sent to
 * it wait here and are handed over with its first report. Pure: tested in Node.
 */
import type { TabWindow } from './openRoute';

interface Entry {
  paths: string[];
  /** The page listens: its tabs were reported since it (re)loaded. */
  ready: boolean;
  /** Notebooks to hand over once it listens. */
  queue: string[];
  focusedAt: number;
}

export class TabRegistry {
  private readonly windows = new Map<number, Entry>();
  private clock = 0;

  /** A window opened for notebooks; `first` is the one its address opens. */
  add(id: number, first: string | null): void {
    this.windows.set(id, { paths: first ? [first] : [], ready: false, queue: [], focusedAt: 0 });
  }

  remove(id: number): void {
    this.windows.delete(id);
  }

  focus(id: number): void {
    const w = this.windows.get(id);
    if (w) w.focusedAt = ++this.clock;
  }

  /** The page is loading again: requests wait for its next report. */
  loading(id: number): void {
    const w = this.windows.get(id);
    if (w) w.ready = false;
  }

  /**
   * The page's tabs, as it reported them; a window not known yet (one the page opened itself) joins.
   * Returns the notebooks that waited for it, to send now.
   */
  report(id: number, paths: string[]): string[] {
    const w = this.windows.get(id) ?? { paths: [], ready: false, queue: [], focusedAt: 0 };
    this.windows.set(id, w);
    const waiting = w.queue.splice(0);
    w.paths = [...paths, ...waiting.filter((p) => !paths.includes(p))];
    w.ready = true;
    return waiting;
  }

  /**
   * Hands `path` to window `id`: 'send' it now, or it was 'queued' until the page listens, or 'none'
   * when that page, not listening yet, is opening it already. Either way it counts as shown there at
   * once, so asking again before the page reports finds this tab instead of adding another.
   */
  deliver(id: number, path: string): 'send' | 'queued' | 'none' {
    const w = this.windows.get(id);
    if (!w) return 'none';
    if (w.ready) {
      if (!w.paths.includes(path)) w.paths.push(path);
      return 'send';
    }
    if (w.paths.includes(path)) return 'none';
    w.paths.push(path);
    w.queue.push(path);
    return 'queued';
  }

  /** The windows as routeOpen sees them. */
  snapshot(): TabWindow[] {
    return [...this.windows].map(([id, w]) => ({ id, paths: [...w.paths], focusedAt: w.focusedAt }));
  }
}
