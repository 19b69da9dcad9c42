import { PROTOCOL_VERSION } from '../../common/protocolVersion';

export { PROTOCOL_VERSION };

/** The version as a type, for code that may only import the protocol's types. */
export type ProtocolVersionNumber = typeof PROTOCOL_VERSION;
