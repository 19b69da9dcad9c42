/**
 * Keeps the kernel host running under the window. When the host exits unasked (a crash, a kill), it
 * is started again on the same port with the same token: the page's cookie and its WebSocket URL stay
 * valid, so the window reconnects by itself and keeps the document it holds. Restarts back off; after
 * a few crashes in a row, each soon after its start, the user is asked whether to keep trying, since
 * a host that cannot stay up would otherwise be restarted forever.
 */
import { randomBytes } from 'node:crypto';
import type { LaunchedKernel } from './kernelLaunch';

export interface SupervisorOptions {
  /** Starts a host with these extra arguments and environment (kernelLaunch's `launchKernel`). */
  launch(args: string[], env: Record<string, string>): Promise<LaunchedKernel>;
  /** Asked after `maxQuickCrashes` quick crashes in a row, with what the host said last: true = try again. */
  askRetry(lastError: string): Promise<boolean>;
  /** The host is back after a crash, at the same URL. */
  onRestarted?(url: string): void;
  /** The user chose not to try again. */
  onGiveUp?(): void;
  /** Waits between restarts, by how many quick crashes came before (the last one repeats). */
  backoffMs?: number[];
  /** A crash within this long of the start counts as quick. */
  quickMs?: number;
  maxQuickCrashes?: number;
}

const BACKOFF_MS = [250, 1000, 3000];
const QUICK_MS = 30_000;
const MAX_QUICK_CRASHES = 3;

/** What the host wrote last on stderr: the likely reason it stopped, for the dialog. */
function tailOf(k: LaunchedKernel): () => string {
  let text = '';
  k.child.stderr?.on('data', (d: Buffer) => (text = (text + d.toString()).slice(-2000)));
  return () => text.trim();
}

export class KernelSupervisor {
  private current: LaunchedKernel | null = null;
  private port = 0;
  /** Chosen here rather than by the host, so a restarted host accepts the cookie the page holds. */
  readonly token = randomBytes(24).toString('base64url');
  private quickCrashes = 0;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly opts: SupervisorOptions) {}

  /** The first start; its failure is the caller's to report (there is no window yet). */
  async start(): Promise<string> {
    const k = await this.launch();
    this.port = Number(new URL(k.url).port);
    return k.url;
  }

  get url(): string | null {
    return this.current?.url ?? null;
  }

  get pid(): number | undefined {
    return this.current?.child.pid;
  }

  /** Ends the host for good (the app is quitting). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.current?.child.kill();
  }

  private async launch(): Promise<LaunchedKernel> {
    // The token travels in the environment, never on the command line that other users can list.
    const k = await this.opts.launch(this.port ? ['--port', String(this.port)] : [], { SILT_TOKEN: this.token });
    const startedAt = Date.now();
    const lastWords = tailOf(k);
    this.current = k;
    k.child.once('exit', (code, signal) => {
      if (this.current === k) this.current = null;
      if (this.stopped) return;
      const said = lastWords();
      const why = `The kernel stopped (${signal ?? `exit code ${code}`}).${said ? `\n${said}` : ''}`;
      this.crashed(Date.now() - startedAt < (this.opts.quickMs ?? QUICK_MS), why);
    });
    return k;
  }

  private crashed(quick: boolean, why: string): void {
    this.quickCrashes = quick ? this.quickCrashes + 1 : 0;
    if (this.quickCrashes >= (this.opts.maxQuickCrashes ?? MAX_QUICK_CRASHES)) {
      void this.opts.askRetry(why).then((again) => {
        if (this.stopped) return;
        if (!again) {
          this.stopped = true;
          this.opts.onGiveUp?.();
          return;
        }
        this.quickCrashes = 0;
        this.restart();
      });
      return;
    }
    const backoff = this.opts.backoffMs ?? BACKOFF_MS;
    this.timer = setTimeout(() => this.restart(), backoff[Math.min(Math.max(this.quickCrashes - 1, 0), backoff.length - 1)]);
  }

  private restart(): void {
    this.timer = null;
    if (this.stopped) return;
    // A host that fails to come up (the port still held, a broken install) is one more quick crash.
    this.launch().then(
      (k) => (this.stopped ? k.child.kill() : this.opts.onRestarted?.(k.url)),
      (e: Error) => this.stopped || this.crashed(true, e.message),
    );
  }
}
