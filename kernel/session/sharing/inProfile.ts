/**
 * Errors of a profile's client, told with the profile's name: with several profiles open, "the
 * server refused the token" is only useful when it says whose token.
 */
import { SiltError, toSiltError } from '../../../common/SiltError';
import { SharingError } from '../../sharing/client';

/** `e` as a SiltError whose message starts with `profile "NAME"` (and `doing`, when given). */
export function inProfile(profile: string, e: unknown, doing?: string): SiltError {
  const prefix = `profile "${profile}"${doing ? ` ${doing}` : ''}`;
  if (e instanceof SiltError && !(e instanceof SharingError)) return e;
  const err = toSiltError(e);
  if (!doing && err.message.includes(`profile "${profile}"`)) return err;
  return rephrase(err, `${prefix}: ${err.message}`);
}

/** The same failure (code, fields, cause) with another message. */
export function rephrase(e: SiltError, message: string): SiltError {
  if (e instanceof SharingError) return e.withMessage(message);
  return new SiltError(e.code, message, { cause: e.cause ?? e });
}
