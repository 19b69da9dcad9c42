/**
 * The refusal of a request whose method nobody answers, in the host's checks and in a session's
 * dispatch alike. It names the method when the method looks like one; anything else sent as a
 * method (a pasted token, a megabyte of text) is described, never echoed back or into a log.
 */
import { SiltError } from '../../common/SiltError';

/** Silt's methods: dotted words of letters, starting lower case ('result.page', 'notebook.discardRecovery'). */
const METHOD_SHAPE = /^[a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)*$/;
/** The longest method today has 24 characters; a longer name is shown only by its length. */
const MAX_SHOWN = 48;

/** How a refusal names what was sent as a method. */
export function shownMethod(method: unknown): string {
  if (typeof method !== 'string') return `a request type that is ${method === null ? 'null' : `a ${typeof method}`}, not a string`;
  if (method.length <= MAX_SHOWN && METHOD_SHAPE.test(method)) return `"${method}"`;
  return `a request type of ${method.length} characters that is not a method name`;
}

export function unknownMethodMessage(method: unknown, where: string): string {
  return `${capitalized(shownMethod(method))} is not a request known to ${where}; a window of another Silt version sends such requests: reload it.`;
}

export function unknownMethod(method: unknown, where: string): SiltError {
  return new SiltError('unknown-method', unknownMethodMessage(method, where));
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
