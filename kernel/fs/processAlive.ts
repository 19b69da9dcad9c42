/**
 * Whether process `pid` still runs, for sweeping what a killed process left behind (spill folders,
 * a shared cache's holds). EPERM means it exists but belongs to another user; only ESRCH means gone.
 *
 * A PID is reused once its process is gone, so a file named after a dead process could be kept for as
 * long as an unrelated process with the same PID runs. Where the system tells a process's start time
 * (Linux: /proc/<pid>/stat), the leftover records it (`processStart`) and a different start time
 * means another process: gone.
 */
import { readFileSync } from 'node:fs';

export function processAlive(pid: number, start?: string | null): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (!start) return true;
  const now = processStart(pid);
  return now === null || now === start;
}

/**
 * When process `pid` started, as an opaque token (clock ticks since boot, field 22 of
 * /proc/<pid>/stat), or null where the system does not say (not Linux, no /proc).
 */
export function processStart(pid: number = process.pid): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or ')': count from the last one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19];
    return start && /^\d+$/.test(start) ? start : null;
  } catch {
    return null;
  }
}
