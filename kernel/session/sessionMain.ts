/**
 * Entry point of a session process (forked by the kernel host by file path). It answers the host's
 * calls over Node IPC; a crash here ends one notebook's kernel, never the app.
 */
import type { SessionCall, SessionMessage } from './ipc';
import { Session } from './Session';
import { catalogTable, catalogTree } from './sharing/catalog';

const send = (m: SessionMessage) => process.send?.(m);

async function main(): Promise<void> {
  const workspace = process.env.SILT_WORKSPACE ?? process.cwd();
  const profiles = JSON.parse(process.env.SILT_PROFILES ?? '[]') as string[];
  const session = await Session.create({
    workspace,
    profiles,
    emit: (runId, output) => send({ event: 'output', runId, output }),
    progress: (runId, label, done, total) => send({ event: 'progress', runId, label, done, total }),
  });
  process.on('message', async (raw: SessionCall) => {
    const reply = (result: unknown) => send({ replyTo: raw.id, ok: true, result });
    try {
      switch (raw.method) {
        case 'execute': {
          const p = raw.params as SessionCall<'execute'>['params'];
          reply(await session.execute(p));
          break;
        }
        case 'page': {
          const p = raw.params as SessionCall<'page'>['params'];
          reply({ rows: await session.engine.page(p.handle, p.offset, p.limit) });
          break;
        }
        case 'interrupt':
          session.interrupt();
          reply({ ok: true });
          break;
        case 'names':
          reply({ names: await session.names() });
          break;
        case 'catalogTree':
          reply({ profiles: await catalogTree(session.shared) });
          break;
        case 'catalogTable': {
          const p = raw.params as SessionCall<'catalogTable'>['params'];
          reply(await catalogTable(session.shared, p));
          break;
        }
        case 'addProfile':
          reply({ name: session.shared.addProfile((raw.params as SessionCall<'addProfile'>['params']).source) });
          break;
        default:
          send({ replyTo: raw.id, ok: false, error: `unknown method ${String(raw.method)}` });
      }
    } catch (e) {
      send({ replyTo: raw.id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  });
  // An error a cell left behind (a rejected promise nobody awaited) must not take the session down.
  process.on('unhandledRejection', (e) => process.stderr.write(`silt session: unhandled rejection: ${String(e)}\n`));
  process.on('disconnect', () => process.exit(0));
  send({ event: 'ready' });
}

main().catch((e) => {
  process.stderr.write(`silt session failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
