/** Report requests: a notebook, as the renderer holds it, exported to a file the host writes. */
import type { NotebookModel } from './notebook';
import type { Shape } from './shape';

/** The file formats a notebook exports to. */
export type ReportFormat = 'html' | 'md' | 'pdf' | 'ipynb';

export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'md', 'pdf', 'ipynb'];

/** Paper for PDF reports. */
export type PageSize = 'A4' | 'Letter';

export interface ReportRequests {
  /**
   * Writes the notebook as a report, atomically. The host answers it itself (no session): the
   * notebook comes with the request, so unsaved edits and outputs are what gets exported.
   */
  'report.export': {
    params: {
      notebook: NotebookModel;
      format: ReportFormat;
      /** Where to write; relative paths are inside the workspace. */
      path: string;
      /** Leave code cells' sources out; outputs stay. */
      hideCode?: boolean;
      /** Defaults to the notebook's first heading. */
      title?: string;
      author?: string;
      /** PDF paper; Letter in the US and Canada, A4 elsewhere, by the host's locale, unless given. */
      pageSize?: PageSize;
    };
    /** The absolute path written and its size. */
    result: { path: string; bytes: number };
  };
}

export const REPORT_PARAMS: Record<keyof ReportRequests, Shape> = {
  'report.export': { notebook: 'object', format: 'string', path: 'string', hideCode: 'boolean?', title: 'string?', author: 'string?', pageSize: 'string?' },
};
