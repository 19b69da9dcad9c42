/** The session's answers to the result requests (views, top values, profiles): all in its DuckDB. */
import type { ResultRequests } from '../../protocol/results';
import type { Handlers } from '../Handlers';

export const resultHandlers: Handlers<keyof ResultRequests> = {
  'result.view': (s, p) => s.engine.view(p.handle, p.sort, p.filters),
  'result.topValues': async (s, p) => ({ values: await s.engine.topValues(p.handle, p.column) }),
  'result.profile': (s, p) => s.engine.profile(p.handle),
};
