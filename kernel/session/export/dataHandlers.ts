/**
 * The session's answers to the data export and publish requests. Running exports are kept by id
 * so `data.exportCancel` (answered while the export's own request is still open) can stop one.
 */
import type { DataExportRequests } from '../../protocol/dataExport';
import type { Handlers } from '../Handlers';
import { publishResult, saveProfile } from '../../publish/publishResult';
import { publishTargetFromEnv } from '../../publish/PublishTarget';
import { exportResult } from '../../export/exportResult';
import { ExportError } from '../../export/ExportError';

const running = new Map<string, AbortController>();
const PROGRESS_EVERY_MS = 250;

export const dataHandlers: Handlers<keyof DataExportRequests> = {
  'data.export': async (s, p) => {
    if (running.has(p.exportId)) throw new ExportError(`An export with id ${p.exportId} is already running.`, 'conflict');
    // A cancel interrupts the session's DuckDB connection, which must then be running the export, not a cell.
    if (s.busy) throw new ExportError('A cell is running; export once it has finished (or interrupt it).', 'conflict');
    const abort = new AbortController();
    running.set(p.exportId, abort);
    let last = 0;
    try {
      return await exportResult(s.engine, {
        handle: p.handle,
        format: p.format,
        path: p.path,
        workspace: s.workspace,
        signal: abort.signal,
        onProgress: (done, total) => {
          const now = Date.now();
          if (done < total && now - last < PROGRESS_EVERY_MS) return;
          last = now;
          s.notify({ type: 'export.progress', exportId: p.exportId, done, total });
        },
      });
    } finally {
      running.delete(p.exportId);
    }
  },
  'data.exportCancel': async (_s, p) => {
    const job = running.get(p.exportId);
    job?.abort();
    return { cancelled: job !== undefined };
  },
  'data.publish': (s, p) => publishResult(s.engine, publishTargetFromEnv(process.env), p),
  'data.saveProfile': async (s, p) => ({ path: await saveProfile(publishTargetFromEnv(process.env), s.workspace, p.path) }),
};
