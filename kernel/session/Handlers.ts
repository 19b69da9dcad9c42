/**
 * The shape of a session's request handlers. A leaf file: sessionHandlers.ts gathers every feature's
 * handlers, and each feature declares its own with these types, so they cannot live in sessionHandlers.ts.
 */
import type { SessionRequestType } from '../protocol';
import type { SessionMethods } from './ipc';
import type { Session } from './Session';

export type Handler<T extends keyof SessionMethods> = (
  session: Session,
  params: SessionMethods[T]['params'],
) => Promise<SessionMethods[T]['result']>;
export type Handlers<T extends SessionRequestType> = { [K in T]: Handler<K> };
