/** The session's answers to data-quality requests (spread into sessionHandlers). */
import type { QualityRequests } from '../../protocol/quality';
import type { Handlers } from '../Handlers';
import { suggestExpectations } from './qualityApi';
import { lastCheck } from '../../quality/qualityHistory';

export const qualityHandlers: Handlers<keyof QualityRequests> = {
  'quality.suggest': async (s, p) => ({ text: await suggestExpectations(s.quality(), p.table) }),
  'quality.last': async (s, p) => ({ check: await lastCheck((sql) => s.engine.query(sql), s.workspace, p.table) }),
};
