/** A real Session in this process, in a throwaway workspace, with a cell runner: for tests of what cells do. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../kernel/session/Session';

export interface InProcessSession {
  session: Session;
  dir: string;
  exec(language: 'sql' | 'typescript', code: string, name?: string): ReturnType<Session['execute']>;
  close(): Promise<void>;
}

export async function inProcessSession(prefix = 'silt-session-'): Promise<InProcessSession> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const session = await Session.create({ workspace: dir, emit: () => {} });
  let run = 0;
  return {
    session,
    dir,
    exec: (language, code, name) => session.execute({ runId: `r${++run}`, language, code, name }),
    async close() {
      await session.engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
