/** A killed session's spill folder (possibly gigabytes) is removed by the next engine; live ones stay. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spillFolder } from '../../../kernel/engine/spillFolder';
import { processStart } from '../../../kernel/fs/processAlive';

describe('spillFolder', () => {
  it('gives each engine its own folder and removes those of processes that are gone', () => {
    const parent = mkdtempSync(join(tmpdir(), 'silt-spill-'));
    const gonePid = spawnSync(process.execPath, ['-e', '0']).pid;
    const gone = join(parent, `${gonePid}-0badc0de`);
    const mine = join(parent, `${process.pid}-00c0ffee`);
    const parentPid = join(parent, `${process.ppid}-0000beef`);
    const other = join(parent, 'not-a-spill-folder');
    for (const d of [gone, mine, parentPid, other]) {
      mkdirSync(d);
      writeFileSync(join(d, 'duckdb_temp_storage-0.tmp'), 'x'.repeat(1024));
    }
    const a = spillFolder({ SILT_TEMP_DIR: parent });
    const b = spillFolder({ SILT_TEMP_DIR: parent });
    expect(dirname(a)).toBe(parent);
    expect(a).not.toBe(b);
    expect(existsSync(gone)).toBe(false);
    expect([mine, parentPid, other].map(existsSync)).toEqual([true, true, true]);
  });

  it('removes the folder of a gone process whose PID a later process took, by its start time', () => {
    const parent = mkdtempSync(join(tmpdir(), 'silt-spill-'));
    const start = processStart(process.ppid)!;
    // The parent's PID, with the start time of an earlier process that had it.
    const reused = join(parent, `${process.ppid}-${Number(start) - 1}-0badc0de`);
    const parentNow = join(parent, `${process.ppid}-${start}-0000beef`);
    for (const d of [reused, parentNow]) mkdirSync(d);
    const mine = spillFolder({ SILT_TEMP_DIR: parent });
    expect(existsSync(reused)).toBe(false);
    expect(existsSync(parentNow)).toBe(true);
    expect(mine).toMatch(new RegExp(`/${process.pid}-${processStart()}-[0-9a-f]{8}$`));
  });
});
