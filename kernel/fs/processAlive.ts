/**
 * Whether process `pid` still runs, for sweeping what a killed process left behind (spill folders,
 * a shared cache's holds). EPERM means it exists but belongs to another user; only ESRCH means gone.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
