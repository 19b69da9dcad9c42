/**
 * Recovery copies of unsaved work are the user's alone, and temp files left by a write killed half-way
 * are gone after the next start, while the user's own files (even ones ending in .tmp) are untouched.
 * A real `silt serve` on an app data folder as an older version left it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolClient, startHost, type RunningHost } from '../../helpers/startHost';

let home: string;
let host: RunningHost;
/** A pid that surely ran no Silt write still going: a process that has already exited. */
let deadPid: number;

const mode = (path: string) => statSync(path).mode & 0o777;
/** When the interrupted writes started: a few seconds before this test. */
const stamp = Date.now() - 5000;
const leftover = (name: string) => `.${name}.${deadPid}.${stamp}.tmp`;

const recovery = () => join(home, 'recovery');
const workspace = () => join(home, 'workspace');

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'silt-tidy-'));
  deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
  // As an older version left it: a 0755 recovery folder with a 0644 copy in it.
  mkdirSync(recovery(), { recursive: true, mode: 0o755 });
  chmodSync(recovery(), 0o755);
  writeFileSync(join(recovery(), 'old.json'), '{}', { mode: 0o644 });
  // Temp files of writes killed half-way: a recovery copy, recent.json, a notebook and a Delta commit.
  writeFileSync(join(recovery(), leftover('abc.json')), '{"half');
  writeFileSync(join(home, leftover('recent.json')), '["/x');
  mkdirSync(join(workspace(), 'reports', '_delta_log'), { recursive: true });
  writeFileSync(join(workspace(), leftover('sales.ipynb')), '{"cells": [');
  writeFileSync(join(workspace(), `.report.html.${deadPid}.0a1b2c3d.tmp`), '<html');
  writeFileSync(join(workspace(), 'reports', '_delta_log', leftover('00000000000000000003.json')), '{"add"');
  // The user's own files, which merely look like temp files.
  for (const name of ['notes.tmp', '.draft.tmp', 'data.123.tmp', `.plan.${deadPid}.tmp`]) writeFileSync(join(workspace(), name), 'mine');
  host = await startHost([], { home });
});
afterAll(async () => {
  await host?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('private and tidy files', () => {
  it('makes an existing recovery folder 0700 and its copies 0600 at start', () => {
    expect(mode(recovery())).toBe(0o700);
    expect(mode(join(recovery(), 'old.json'))).toBe(0o600);
  });

  it('writes new recovery copies 0600', async () => {
    const client = await ProtocolClient.connect(host);
    await client.request('notebook.autosave', { key: 'untitled-1', notebook: { cells: [], metadata: {} } });
    const copies = readdirSync(recovery()).filter((f) => f !== 'old.json' && f.endsWith('.json'));
    expect(copies).toHaveLength(1);
    expect(mode(join(recovery(), copies[0]))).toBe(0o600);
    client.close();
  });

  it("removes Silt's leftover temp files in the app data folder and workspace, and none of the user's", async () => {
    const ours = [
      join(recovery(), leftover('abc.json')),
      join(home, leftover('recent.json')),
      join(workspace(), leftover('sales.ipynb')),
      join(workspace(), `.report.html.${deadPid}.0a1b2c3d.tmp`),
      join(workspace(), 'reports', '_delta_log', leftover('00000000000000000003.json')),
    ];
    // The clean-up runs in the background after start; give it a moment.
    const until = Date.now() + 5000;
    while (ours.some(existsSync) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(ours.filter(existsSync)).toEqual([]);
    const mine = readdirSync(workspace())
      .filter((f) => f.endsWith('.tmp'))
      .sort();
    expect(mine).toEqual([`.plan.${deadPid}.tmp`, '.draft.tmp', 'data.123.tmp', 'notes.tmp'].sort());
  });
});
