/** Bumped on any incompatible change to the messages; checked on connect so a stale UI fails loudly. */
export const PROTOCOL_VERSION = 1;

/** The version as a type, so the renderer (which may only import types) fails to compile on a mismatch. */
export type ProtocolVersionNumber = typeof PROTOCOL_VERSION;
