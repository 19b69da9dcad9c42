/** Bumped on any incompatible change to the messages; checked on connect so a stale window fails loudly. */
export const PROTOCOL_VERSION = 1;
