/**
 * V8 cannot hold a string over about 512 MiB: JSON.stringify or Buffer#toString on something bigger
 * throws a RangeError. That is a size limit the user can act on (clear outputs), so it travels as
 * `too-large`, not as an internal error.
 */
import { SiltError } from '../../common/SiltError';

export function asTooLarge(e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  const stringLimit = e instanceof RangeError && /Invalid string length/i.test(e.message);
  if (stringLimit || code === 'ERR_STRING_TOO_LONG') {
    return new SiltError('too-large', 'This is too big for the kernel to hold as one piece of text; clear some outputs and try again.', {
      cause: e,
    });
  }
  return e;
}
