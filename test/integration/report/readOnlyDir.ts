/**
 * A folder nobody can write in, for testing how exports fail. chmod is enough for ordinary users;
 * root ignores it, so there the folder is also made immutable (ext4's `chattr +i`).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `files` (name → text) are written before the folder is locked. */
export function readOnlyDir(files: Record<string, string> = {}): { dir: string; release(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'silt-readonly-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  chmodSync(dir, 0o555);
  const root = process.getuid?.() === 0;
  if (root) execFileSync('chattr', ['+i', dir]);
  return {
    dir,
    release() {
      if (root) execFileSync('chattr', ['-i', dir]);
      chmodSync(dir, 0o755);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
