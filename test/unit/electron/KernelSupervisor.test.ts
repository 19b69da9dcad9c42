/**
 * The desktop shell's kernel supervisor against the real built host (`dist/kernel/cli.js serve`),
 * killed with SIGKILL as a crash would: it comes back on the same port and accepts the same token.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../common/protocolVersion';
import { launchKernel } from '../../../electron/kernelLaunch';
import { KernelSupervisor, type SupervisorOptions } from '../../../electron/KernelSupervisor';
import { CLI, ProtocolClient, type RunningHost } from '../../helpers/startHost';

const running: KernelSupervisor[] = [];
const homes: string[] = [];

afterEach(() => {
  for (const s of running.splice(0)) s.stop();
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

function supervise(opts: Partial<SupervisorOptions> = {}): KernelSupervisor {
  const home = mkdtempSync(join(tmpdir(), 'silt-supervisor-'));
  homes.push(home);
  const s = new KernelSupervisor({
    launch: (args, env) =>
      launchKernel({
        execPath: process.execPath,
        cliPath: CLI,
        args: ['--no-demo', '--workspace', join(home, 'ws'), ...args],
        env: { SILT_HOME: home, DISPLAY: '', ...env },
      }),
    askRetry: async () => false,
    backoffMs: [50, 200],
    ...opts,
  });
  running.push(s);
  return s;
}

/** Resolves with the next URL the supervisor reports a restart at. */
function nextRestart(into: { resolve?: (url: string) => void }): Promise<string> {
  return new Promise((resolve) => (into.resolve = resolve));
}

async function runsACell(url: string): Promise<string> {
  const u = new URL(url);
  const client = await ProtocolClient.connect({
    port: Number(u.port),
    token: u.searchParams.get('token')!,
  } as RunningHost);
  try {
    await client.request('hello', { protocolVersion: PROTOCOL_VERSION });
    const { sessionId } = await client.request('session.open', { key: 'after-restart' });
    const r = await client.request('execute', {
      sessionId,
      runId: 'r',
      cellId: 'c',
      language: 'typescript',
      code: '6 * 7',
    });
    return r.outputs.map((o) => (o.kind === 'rich' ? o.data['text/plain'] : '')).join('');
  } finally {
    client.close();
  }
}

/** Process ids of a process's children (the host's session processes). */
function childrenOf(pid: number): number[] {
  const out = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout ?? '';
  return out.split(/\s+/).filter(Boolean).map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function killAndWait(s: KernelSupervisor, restarted: { resolve?: (url: string) => void }): Promise<string> {
  const back = nextRestart(restarted);
  process.kill(s.pid!, 'SIGKILL');
  return back;
}

describe('the kernel supervisor', () => {
  it('brings a killed host back on the same port, with the same token, and it runs cells again', async () => {
    const restarted: { resolve?: (url: string) => void } = {};
    const s = supervise({ onRestarted: (url) => restarted.resolve?.(url) });
    const url = await s.start();
    expect(await runsACell(url)).toBe('42');
    // The token is not on the command line, where other users of the machine could read it.
    if (existsSync(`/proc/${s.pid}/cmdline`)) expect(readFileSync(`/proc/${s.pid}/cmdline`, 'utf8')).not.toContain(s.token);
    const firstPid = s.pid!;
    const sessions = childrenOf(firstPid);
    expect(sessions.length).toBeGreaterThan(0);

    const again = await killAndWait(s, restarted);
    expect(again).toBe(url);
    expect(s.pid).not.toBe(firstPid);
    // The dead host's session processes went with it: no stray process keeps its memory.
    await expect.poll(() => sessions.filter(alive), { timeout: 5_000 }).toEqual([]);
    expect(await runsACell(again)).toBe('42');
    // Still refuses anyone without the token.
    const { port } = new URL(url);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(401);
  });

  it('asks the user after three quick crashes: "Try again" restarts, "Quit" gives up, leaving no host', async () => {
    const restarted: { resolve?: (url: string) => void } = {};
    const answers = [true, false];
    const asked: string[] = [];
    let gaveUp!: () => void;
    const givenUp = new Promise<void>((r) => (gaveUp = r));
    const s = supervise({
      quickMs: 60_000,
      maxQuickCrashes: 3,
      onRestarted: (url) => restarted.resolve?.(url),
      askRetry: async (why) => {
        asked.push(why);
        return answers.shift()!;
      },
      onGiveUp: () => gaveUp(),
    });
    const url = await s.start();
    await killAndWait(s, restarted);
    await killAndWait(s, restarted);
    expect(asked).toHaveLength(0);
    expect(await killAndWait(s, restarted)).toBe(url);
    expect(asked).toEqual([expect.stringContaining('SIGKILL')]);
    expect(await runsACell(url)).toBe('42');

    await killAndWait(s, restarted);
    await killAndWait(s, restarted);
    process.kill(s.pid!, 'SIGKILL');
    await givenUp;
    expect(asked).toHaveLength(2);
    expect(s.url).toBeNull();
    await expect(fetch(url)).rejects.toThrow();
  });
});
