/** The session's answers to the variables panel's requests. */
import type { VariablesRequests } from '../../protocol/variables';
import type { Handlers } from '../Handlers';
import { listVariables, previewVariable } from './sessionVariables';

export const variablesHandlers: Handlers<keyof VariablesRequests> = {
  'session.variables': async (s) => ({ variables: await listVariables(s) }),
  'session.variablePreview': (s, p) => previewVariable(s, p.name),
};
