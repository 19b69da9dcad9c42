/**
 * A leftover named after a process (a spill folder, a cache holds file) is swept once that process is
 * gone, also when its PID has been taken by a later process: the start time recorded with it differs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processAlive, processStart } from '../../../kernel/fs/processAlive';

/** Field 22 of /proc/<pid>/stat, read apart from the code under test (ps prints the same ticks). */
function startTicks(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.split(') ').pop()!.split(' ')[19];
}

describe('processAlive', () => {
  it('knows when this process and its parent started', () => {
    expect(processStart()).toBe(startTicks(process.pid));
    expect(processStart(process.ppid)).toBe(startTicks(process.ppid));
    // The parent started before this process did.
    expect(Number(processStart(process.ppid))).toBeLessThanOrEqual(Number(processStart()));
  });

  it('a running PID with another start time is another process: the recorded one is gone', () => {
    expect(processAlive(process.ppid, processStart(process.ppid))).toBe(true);
    expect(processAlive(process.ppid, String(Number(processStart(process.ppid)) + 1))).toBe(false);
    // Without a recorded start time only the PID can tell.
    expect(processAlive(process.ppid)).toBe(true);
  });

  it('a PID that runs nothing is gone, and has no start time', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    expect(processAlive(gone)).toBe(false);
    expect(processStart(gone)).toBeNull();
  });
});
