/** The client interface lives with the protocol, so the host's in-process client implements it too. */
export type { ConnectionStatus, KernelClient } from '../../kernel/protocol/KernelClient';
