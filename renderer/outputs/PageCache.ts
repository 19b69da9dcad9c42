/**
 * A least-recently-used cache of row pages for one result handle, so the grid holds a few pages
 * however many rows the result has.
 */
import type { CellValue } from '../../kernel/protocol/notebook';

export const PAGE_SIZE = 200;

export class PageCache {
  private readonly pages = new Map<number, CellValue[][]>();

  constructor(
    readonly pageSize = PAGE_SIZE,
    readonly capacity = 6,
  ) {}

  get size(): number {
    return this.pages.size;
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  /** Stores a page, evicting the least recently used one when full. */
  put(page: number, rows: CellValue[][]): void {
    this.pages.delete(page);
    this.pages.set(page, rows);
    while (this.pages.size > this.capacity) {
      const oldest = this.pages.keys().next().value as number;
      this.pages.delete(oldest);
    }
  }

  /** One row by absolute index, or undefined while its page is not here. Touches the page. */
  row(index: number): CellValue[] | undefined {
    const page = Math.floor(index / this.pageSize);
    const rows = this.pages.get(page);
    if (!rows) return undefined;
    this.pages.delete(page);
    this.pages.set(page, rows);
    return rows[index - page * this.pageSize];
  }

  /** The pages covering rows [first, end) that are not cached yet. */
  missing(first: number, end: number): number[] {
    const out: number[] = [];
    if (end <= first) return out;
    const last = Math.floor((end - 1) / this.pageSize);
    for (let p = Math.floor(first / this.pageSize); p <= last; p++) if (!this.pages.has(p)) out.push(p);
    return out;
  }
}
