/** Report requests: a notebook, as the renderer holds it, exported to a file the host writes. */
import * as s from '../../common/schema';
import { notebookModel } from './checkNotebook';

export const REPORT_FORMATS = ['html', 'md', 'pdf', 'ipynb'] as const;

/** The file formats a notebook exports to. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Paper for PDF reports. */
export type PageSize = 'A4' | 'Letter';

/** The params of each report request, checked at run time; their types below are inferred from these. */
export const REPORT_PARAMS = {
  // Fields are checked in this order: the small ones first, so a request missing its path says so
  // instead of reporting the first flaw deep inside a large notebook.
  'report.export': s.object({
    format: s.oneOf(REPORT_FORMATS, 'report format'),
    /** Where to write; relative paths are inside the workspace. */
    path: s.string(),
    /** Leave code cells' sources out; outputs stay. */
    hideCode: s.optional(s.boolean()),
    /** Defaults to the notebook's first heading. */
    title: s.optional(s.string()),
    author: s.optional(s.string()),
    /**
     * PDF paper (`A4` or `Letter`, any case: the host reads it with parsePageSize); Letter in the
     * US and Canada, A4 elsewhere, by the host's locale, unless given.
     */
    pageSize: s.optional(s.string()),
    notebook: notebookModel,
  }),
};

export interface ReportRequests {
  /**
   * Writes the notebook as a report, atomically. The host answers it itself (no session): the
   * notebook comes with the request, so unsaved edits and outputs are what gets exported.
   */
  'report.export': {
    params: s.Infer<(typeof REPORT_PARAMS)['report.export']>;
    /** The absolute path written and its size. */
    result: { path: string; bytes: number };
  };
}
