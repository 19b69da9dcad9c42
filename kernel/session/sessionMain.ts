/**
 * Entry point of a session process (forked by the kernel host by file path). It answers the host's
 * calls over Node IPC; a crash here ends one notebook's kernel, never the app.
 */
import { errorInfo } from '../../common/SiltError';
import type { SessionCall, SessionMessage } from './ipc';
import { Session } from './Session';
import type { Handler } from './Handlers';
import { sessionHandlers } from './sessionHandlers';
import { unknownMethod } from '../protocol/unknownMethod';

import { knownSecrets } from '../protocol/knownSecrets';

/** The one way out to the host: replies and events, masked (knownSecrets) however deep the secret sits. */
const send = (m: SessionMessage) => process.send?.(knownSecrets.value(m));

// The host learns each secret this session learns, so its own mask (frames, logs) covers it too.
knownSecrets.onAdd((secret) => process.send?.({ event: 'secret', secret } satisfies SessionMessage));
// The session's stdout and stderr are the host's log: a cell's console outside a run, crash lines.
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    write(typeof chunk === 'string' ? knownSecrets.text(chunk) : chunk, ...rest)) as typeof stream.write;
}

async function main(): Promise<void> {
  const workspace = process.env.SILT_WORKSPACE ?? process.cwd();
  const profiles = JSON.parse(process.env.SILT_PROFILES ?? '[]') as string[];
  const session = await Session.create({
    workspace,
    profiles,
    emit: (runId, output) => send({ event: 'output', runId, output }),
    progress: (runId, label, done, total, unit) => send({ event: 'progress', runId, label, done, total, unit }),
    notify: (notice) => send({ event: 'notice', notice }),
  });
  process.on('message', async (call: SessionCall) => {
    try {
      send({ replyTo: call.id, ok: true, result: await dispatch(session, call) });
    } catch (e) {
      send({ replyTo: call.id, ok: false, error: errorInfo(e) });
    }
  });
  // An error a cell left behind (a rejected promise nobody awaited) must not take the session down.
  process.on('unhandledRejection', (e) => process.stderr.write(`silt session: unhandled rejection: ${String(e)}\n`));
  process.on('disconnect', () => process.exit(0));
  send({ event: 'ready' });
  // After ready, never before it: a SQL-only notebook does not wait for TypeScript's libraries.
  // SILT_WARM=0 turns it off (the bench measures a cold first cell with it).
  if (process.env.SILT_WARM !== '0')
    void session.warmUp().catch((e) =>
      process.stderr.write(`silt session: warm-up failed: ${String(e)}
`),
    );
}

async function dispatch(session: Session, call: SessionCall): Promise<unknown> {
  if (call.method === 'execute') return session.execute(call.params as SessionCall<'execute'>['params']);
  if (call.method === 'interrupt') {
    session.interrupt();
    return { ok: true };
  }
  // Own keys only: "constructor" or "toString" must not find Object's methods.
  if (!Object.hasOwn(sessionHandlers, call.method)) throw unknownMethod(call.method, 'a Silt session');
  const handler = sessionHandlers[call.method] as Handler<typeof call.method>;
  return handler(session, call.params as never);
}

main().catch((e) => {
  process.stderr.write(`silt session failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
