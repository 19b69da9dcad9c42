/**
 * A session (in this process) whose profile reads the demo share through its real Delta Sharing
 * server on 127.0.0.1, and the first error output of a failing run in it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startDemoShare } from '../../kernel/demo/startDemoShare';
import type { ErrorOutput } from '../../kernel/protocol';
import { Session } from '../../kernel/session/Session';

export interface DemoSession {
  session: Session;
  /** Runs `code`, expects it to fail, and gives its error output. */
  errorOf(language: 'sql' | 'typescript', code: string): Promise<ErrorOutput>;
  close(): Promise<void>;
}

export async function startDemoSession(prefix: string): Promise<DemoSession> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const demo = await startDemoShare({ root: join(dir, 'demo'), profileDir: join(dir, 'profiles'), tickMs: 0 });
  const session = await Session.create({ workspace: dir, emit: () => {}, profiles: [demo.profilePath] });
  let run = 0;
  return {
    session,
    async errorOf(language, code) {
      const r = await session.execute({ runId: `r${++run}`, language, code });
      expect(r.status, code).toBe('error');
      const e = r.outputs.find((o) => o.kind === 'error');
      if (e?.kind !== 'error') throw new Error(`no error output for ${code}`);
      return e;
    },
    async close() {
      await session.engine.close();
      await demo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
