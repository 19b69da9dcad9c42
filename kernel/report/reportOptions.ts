/** What a report says about itself: title, author, date, whether code is shown. */
import type { NotebookModel } from '../protocol';
import type { PageSize } from '../protocol/report';
import { ReportError } from './ReportError';
import { firstHeading } from './markdownToHtml';

export interface ReportOptions {
  /** Defaults to the notebook's first heading, then to `name`. */
  title?: string;
  /** The notebook's name (its file name without .ipynb), the title of last resort. */
  name?: string;
  author?: string;
  /** Leave code cells' sources out; their outputs stay. */
  hideCode?: boolean;
  /** The date printed under the title; now unless given (golden tests pin it). */
  date?: Date;
  /** PDF paper; see defaultPageSize. */
  pageSize?: PageSize;
}

/** Letter where it is the custom (the US and Canada, by the locale), A4 everywhere else. */
export function defaultPageSize(locale = Intl.DateTimeFormat().resolvedOptions().locale): PageSize {
  return /-(US|CA)\b/i.test(locale) ? 'Letter' : 'A4';
}

/** Reads a user's `a4` / `letter` (any case); anything else is a clear error. */
export function parsePageSize(text: string): PageSize {
  const found = (['A4', 'Letter'] as const).find((s) => s.toLowerCase() === text.trim().toLowerCase());
  if (!found) throw new ReportError(`Unknown page size "${text}"; use A4 or Letter.`, 'bad-request');
  return found;
}

export interface ReportHeader {
  title: string;
  author?: string;
  date: string;
}

export function reportTitle(nb: NotebookModel, title?: string, name?: string): string {
  const given = title?.trim();
  if (given) return given;
  return firstHeading(nb.cells.filter((c) => c.type === 'markdown').map((c) => c.source)) ?? (name?.trim() || 'Notebook');
}

export function reportHeader(nb: NotebookModel, opts: ReportOptions): ReportHeader {
  const author = opts.author?.trim() || undefined;
  return { title: reportTitle(nb, opts.title, opts.name), author, date: (opts.date ?? new Date()).toISOString().slice(0, 10) };
}

/**
 * The cells under the report's header. When the notebook opens with the title as a heading, that
 * heading is dropped so the report does not say its title twice.
 */
export function bodyCells(nb: NotebookModel, title: string): NotebookModel['cells'] {
  const first = nb.cells.findIndex((c) => c.type !== 'raw' && c.source.trim() !== '');
  const cell = nb.cells[first];
  if (cell?.type !== 'markdown') return nb.cells;
  const m = /^\s*#{1,6}\s+(.+?)\s*#*\s*(\n|$)/.exec(cell.source);
  if (!m || m[1].replace(/[*_`]/g, '').trim() !== title) return nb.cells;
  const rest = { ...cell, source: cell.source.slice(m[0].length) };
  return nb.cells.map((c, i) => (i === first ? rest : c));
}
