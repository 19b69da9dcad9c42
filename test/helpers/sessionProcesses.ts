/** The session child processes of a running host, and how much memory the host and they hold. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Direct children of `pid` with their command lines. */
function children(pid: number): { pid: number; args: string }[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there are none
  }
  return out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [p, ...rest] = l.trim().split(/\s+/);
      return { pid: Number(p), args: rest.join(' ') };
    });
}

/** Pids of the host's session processes (dist/kernel/session/sessionMain.js). */
export function sessionPids(hostPid: number): number[] {
  return children(hostPid)
    .filter((c) => c.args.includes('sessionMain'))
    .map((c) => c.pid);
}

/** Resident memory of one process in bytes (0 once it is gone). */
export function rssBytes(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The process and all its descendants, summed. */
export function treeRssBytes(pid: number): number {
  return rssBytes(pid) + children(pid).reduce((sum, c) => sum + treeRssBytes(c.pid), 0);
}
