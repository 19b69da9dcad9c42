/** The session's answers to the editor's TypeScript requests (spread into sessionHandlers). */
import type { TypescriptRequests } from '../../protocol/typescript';
import type { Handlers } from '../Handlers';

export const typescriptHandlers: Handlers<keyof TypescriptRequests> = {
  'ts.diagnostics': async (s, p) => ({ diagnostics: await s.types.diagnostics(p.before, p.code, p.cellId) }),
  'ts.completions': (s, p) => s.types.completions(p.before, p.code, p.pos),
};
