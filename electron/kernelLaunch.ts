/**
 * Starts the kernel host as a separate process by file path and waits for the line with its URL.
 * Inside Electron the same binary runs as plain Node (ELECTRON_RUN_AS_NODE), so no separate Node
 * install is needed; the kernel never runs inside the window's process.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface LaunchedKernel {
  url: string;
  child: ChildProcess;
}

export interface LaunchOptions {
  /** The Node-compatible executable (process.execPath in Electron). */
  execPath: string;
  /** dist/kernel/cli.js */
  cliPath: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export const URL_LINE = /Silt is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/;

export function launchKernel(opts: LaunchOptions): Promise<LaunchedKernel> {
  const child = spawn(opts.execPath, [opts.cliPath, 'serve', '--no-open', ...(opts.args ?? [])], {
    env: { ...process.env, ...opts.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let errText = '';
    const timer = setTimeout(() => fail(new Error('The kernel did not start within the time allowed.')), opts.timeoutMs ?? 30_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(e);
    };
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = URL_LINE.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child });
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      errText = (errText + d.toString()).slice(-4000);
    });
    child.once('exit', (code) => fail(new Error(`The kernel exited (code ${code}) before it was ready. ${errText.trim()}`)));
  });
}
