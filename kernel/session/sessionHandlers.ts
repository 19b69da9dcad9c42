/**
 * What a session does for each protocol request the host forwards to it. A typed table rather than a
 * switch: adding a request to `SessionRequests` without a handler here fails the type check.
 */
import type { SessionRequestType } from '../protocol';
import type { Handlers } from './Handlers';
import { catalogHandlers } from './sharing/catalog';
import { catalogPreviewHandlers } from './sharing/catalogPreview';
import { dataHandlers } from './export/dataHandlers';
import { liveHandlers } from './live/liveHandlers';
import { automlHandlers } from './automlJobs';
import { chartHandlers } from './charts/chartHandlers';
import { typescriptHandlers } from './ts/typescriptHandlers';
import { variablesHandlers } from './variables/variablesHandlers';
import { resultHandlers } from './results/resultHandlers';
import { qualityHandlers } from './quality/qualityHandlers';

export const sessionHandlers: Handlers<SessionRequestType> = {
  'result.page': async (s, p) => ({ rows: await s.engine.page(p.handle, p.offset, p.limit), offset: p.offset }),
  'session.names': async (s) => ({ names: await s.names() }),
  'result.name': (s, p) => s.nameResult(p.handle, p.name),
  ...catalogHandlers,
  ...catalogPreviewHandlers,
  ...liveHandlers,
  ...automlHandlers,
  ...chartHandlers,
  ...dataHandlers,
  ...typescriptHandlers,
  ...variablesHandlers,
  ...resultHandlers,
  ...qualityHandlers,
};
