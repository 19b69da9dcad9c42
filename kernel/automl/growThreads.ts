/**
 * Helper threads that share the building of one tree's large histograms, for a model trained alone
 * (the AutoML search already keeps every core busy with one trial per worker). The bundles of the
 * row-major matrix are split between the calling thread and the helpers: each adds every row of the
 * node into its own bundles' slots and folds them, so each slot is still summed in row order by one
 * thread, and a model is bit-identical whatever the number of threads.
 *
 * Rows, gradients, the bundle codes and the histograms live in SharedArrayBuffers; a job is posted by
 * bumping a sequence number in a shared control block (Atomics.notify), and finished the same way, so
 * a histogram costs no message passing. Helpers run a source built from histogram.ts's functions
 * (no bundling step needed). They are unref'd (never keep the process alive), stay between fits for a
 * few seconds, then exit; close() ends them at once.
 */
import { Worker } from 'node:worker_threads';
import { AutoMLError } from './AutoMLError';
import type { GrowMatrix } from './growMatrix';
import { addBundlesK1, foldJoint } from './histogram';

/** Nodes with fewer rows are built by the calling thread alone: a round trip costs more than it saves. */
export const SHARED_BUILD_ROWS = 4096;
/** Helpers exit after this long without a fit. */
const IDLE_MS = 3000;
/** A helper that does not answer within this long has died: fail the fit instead of waiting forever. */
const STALL_MS = 60_000;
/** Polls of the shared word before sleeping on it: a job is usually ready (or done) within microseconds. */
const SPIN = 2000;

// Control block words (one block per helper).
const SEQ = 0,
  DONE = 1,
  CMD = 2,
  HIST = 3,
  START = 4,
  END = 5,
  B0 = 6,
  B1 = 7,
  E0 = 8,
  E1 = 9,
  CTRL_WORDS = 16;
const BUILD = 1,
  DETACH = 2;

/** What a helper runs: its job loop, with the kernels of histogram.ts pasted in from their source. */
function helperSource(): string {
  return `
const { parentPort } = require('node:worker_threads');
const addBundlesK1 = (${addBundlesK1.toString()});
const foldJoint = (${foldJoint.toString()});
parentPort.on('message', (m) => {
  const ctrl = new Int32Array(m.ctrl);
  const rows = new Int32Array(m.rows), g = new Float32Array(m.g), h = new Float32Array(m.h);
  const joint = m.wide ? new Uint32Array(m.joint) : new Uint16Array(m.joint);
  const foldFrom = m.foldFrom, foldTo = m.foldTo, arena = new Float64Array(m.arena), size = m.histSize, NB = m.NB;
  let seen = m.seq;
  for (;;) {
    let s, spin = 0;
    while ((s = Atomics.load(ctrl, ${SEQ})) === seen) if (++spin > ${SPIN}) Atomics.wait(ctrl, ${SEQ}, seen, 1000);
    seen = s;
    if (ctrl[${CMD}] === ${BUILD}) {
      const hist = arena.subarray(ctrl[${HIST}] * size, (ctrl[${HIST}] + 1) * size);
      addBundlesK1(hist, rows, ctrl[${START}], ctrl[${END}], g, h, joint, NB, ctrl[${B0}], ctrl[${B1}]);
      foldJoint(hist, foldFrom, foldTo, 2, ctrl[${E0}], ctrl[${E1}]);
    }
    // Read before answering: once answered, the caller may write the next job's command.
    const detach = ctrl[${CMD}] === ${DETACH};
    Atomics.store(ctrl, ${DONE}, s);
    Atomics.notify(ctrl, ${DONE});
    if (detach) return;
  }
});`;
}

interface Helper {
  worker: Worker;
  ctrl: Int32Array;
  seq: number;
  failed: Error | null;
}

/** Buffers of one fit in shared memory: fill g, h and rows, and grow trees with `threads` in their input. */
export interface SharedGrowth {
  g: Float32Array;
  h: Float32Array;
  rows: Uint32Array;
}

export class GrowThreads {
  private readonly helpers: Helper[];
  private attached: {
    rows: Uint32Array;
    g: Float32Array;
    h: Float32Array;
    joint: Uint16Array | Uint32Array;
    NB: number;
    foldFrom: Int32Array;
    foldTo: Int32Array;
    arena: Float64Array;
    histSize: number;
    handedOut: number;
    /** Bundle ranges: part t adds bundles [bundleAt[t], bundleAt[t + 1]); the calling thread takes the last. */
    bundleAt: Int32Array;
    foldStart: Int32Array;
  } | null = null;
  private idle: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** Histograms built with the helpers so far (how a test knows they really took part). */
  sharedBuilds = 0;
  /** Resolves once every helper thread has exited. */
  readonly exited: Promise<void>;

  /** Use growThreads(), which keeps one set of helpers for the process. */
  constructor(helpers: number) {
    const source = helperSource();
    this.helpers = Array.from({ length: helpers }, () => {
      const worker = new Worker(source, { eval: true });
      worker.unref();
      const h: Helper = { worker, ctrl: new Int32Array(new SharedArrayBuffer(CTRL_WORDS * 4)), seq: 0, failed: null };
      worker.on('error', (e) => (h.failed = e));
      worker.on('exit', () => (h.failed ??= new Error('exited')));
      return h;
    });
    this.exited = Promise.all(this.helpers.map((h) => new Promise((resolve) => h.worker.once('exit', resolve)))).then(() => undefined);
  }

  get busy(): boolean {
    return this.attached !== null;
  }

  get size(): number {
    return this.helpers.length + 1;
  }

  /**
   * Shares a fit's data with the helpers: returns the shared buffers to fill (n rows). Histograms
   * of `histSize` numbers come from a shared arena of `maxHistograms`; past that they are private
   * and built by the calling thread alone.
   */
  attach(gm: GrowMatrix, maxHistograms: number): SharedGrowth {
    if (this.attached) throw new AutoMLError('GBDT helper threads are already training a model', 'internal');
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const n = gm.n,
      NB = gm.nBundles;
    const histSize = (gm.off[gm.nFeatures] + gm.jointSlots) * 2;
    const shared = <T>(make: (b: SharedArrayBuffer) => T, bytes: number) => make(new SharedArrayBuffer(Math.max(8, bytes)));
    const g = shared((b) => new Float32Array(b, 0, n), n * 4);
    const h = shared((b) => new Float32Array(b, 0, n), n * 4);
    const rows = shared((b) => new Uint32Array(b, 0, n), n * 4);
    const joint =
      gm.joint instanceof Uint32Array
        ? shared((b) => new Uint32Array(b, 0, gm.joint.length), gm.joint.length * 4)
        : shared((b) => new Uint16Array(b, 0, gm.joint.length), gm.joint.length * 2);
    joint.set(gm.joint);
    const arena = shared((b) => new Float64Array(b), maxHistograms * histSize * 8);
    // Bundles split evenly: each costs one update per row, whichever features it holds.
    const parts = this.size;
    const bundleAt = Int32Array.from({ length: parts + 1 }, (_, t) => Math.round((t * NB) / parts));
    this.attached = {
      rows,
      g,
      h,
      joint,
      NB,
      foldFrom: gm.foldFrom,
      foldTo: gm.foldTo,
      arena,
      histSize,
      handedOut: 0,
      bundleAt,
      foldStart: gm.foldStart,
    };
    for (const hp of this.helpers)
      hp.worker.postMessage({
        ctrl: hp.ctrl.buffer,
        rows: rows.buffer,
        g: g.buffer,
        h: h.buffer,
        joint: joint.buffer,
        wide: joint instanceof Uint32Array,
        foldFrom: gm.foldFrom,
        foldTo: gm.foldTo,
        arena: arena.buffer,
        histSize,
        NB,
        seq: hp.seq,
      });
    return { g, h, rows };
  }

  /** Whether a tree's rows and gradients are the attached shared ones (only then can helpers read them). */
  serves(rows: Uint32Array, g: Float32Array, h: Float32Array): boolean {
    const a = this.attached;
    return !!a && rows.buffer === a.rows.buffer && rows.byteOffset === 0 && g === a.g && h === a.h;
  }

  /** A zeroed shared histogram of `len` numbers, or undefined when the arena is used up (or the size is not ours). */
  histogram(len: number): Float64Array | undefined {
    const a = this.attached;
    if (!a || len !== a.histSize || (a.handedOut + 1) * len > a.arena.length) return undefined;
    const i = a.handedOut++;
    return a.arena.subarray(i * len, (i + 1) * len);
  }

  /** Whether building this histogram over m rows is worth sharing. */
  shares(hist: Float64Array, m: number): boolean {
    return m >= SHARED_BUILD_ROWS && !!this.attached && hist.buffer === this.attached.arena.buffer;
  }

  /** Adds rows[start..end) into a shared histogram (zeroed by the caller), the helpers taking their bundles. */
  addBundles(hist: Float64Array, start: number, end: number): void {
    const a = this.attached!;
    const index = hist.byteOffset / 8 / a.histSize;
    this.sharedBuilds++;
    this.helpers.forEach((hp, t) => {
      const c = hp.ctrl;
      c[CMD] = BUILD;
      c[HIST] = index;
      c[START] = start;
      c[END] = end;
      c[B0] = a.bundleAt[t];
      c[B1] = a.bundleAt[t + 1];
      c[E0] = a.foldStart[a.bundleAt[t]];
      c[E1] = a.foldStart[a.bundleAt[t + 1]];
      this.post(hp);
    });
    const t = this.helpers.length;
    addBundlesK1(
      hist,
      new Int32Array(a.rows.buffer, 0, a.rows.length),
      start,
      end,
      a.g,
      a.h,
      a.joint,
      a.NB,
      a.bundleAt[t],
      a.bundleAt[t + 1],
    );
    foldJoint(hist, a.foldFrom, a.foldTo, 2, a.foldStart[a.bundleAt[t]], a.foldStart[a.bundleAt[t + 1]]);
    for (const hp of this.helpers) this.await(hp);
  }

  /** Ends the fit: helpers leave their job loop and, unless another fit attaches, exit after a while. */
  detach(): void {
    if (!this.attached) return;
    this.attached = null;
    for (const hp of this.helpers) {
      hp.ctrl[CMD] = DETACH;
      this.post(hp);
    }
    for (const hp of this.helpers) this.await(hp);
    if (!this.closed) {
      this.idle = setTimeout(() => this.close(), IDLE_MS);
      this.idle.unref();
    }
  }

  close(): void {
    this.closed = true;
    if (this.idle) clearTimeout(this.idle);
    this.attached = null;
    for (const hp of this.helpers) void hp.worker.terminate();
    if (shared === this) shared = null;
  }

  private post(hp: Helper): void {
    hp.seq = (hp.seq + 1) | 0;
    Atomics.store(hp.ctrl, SEQ, hp.seq);
    Atomics.notify(hp.ctrl, SEQ);
  }

  private await(hp: Helper): void {
    const c = hp.ctrl;
    let spin = 0;
    const t0 = Date.now();
    while (Atomics.load(c, DONE) !== hp.seq) {
      if (++spin < SPIN) continue;
      Atomics.wait(c, DONE, Atomics.load(c, DONE), 50);
      if (Date.now() - t0 > STALL_MS) {
        this.close();
        throw new AutoMLError(`A GBDT helper thread stopped answering${hp.failed ? ` (${hp.failed.message})` : ''}`, 'internal');
      }
    }
  }
}

let shared: GrowThreads | null = null;

/**
 * The helpers for a fit on `threads` threads in all (the calling one included): kept between fits
 * and resized when asked for another count. Null for one thread, or while another fit holds them.
 */
export function growThreads(threads: number): GrowThreads | null {
  if (!(threads > 1) || typeof SharedArrayBuffer !== 'function') return null;
  if (shared?.busy) return null;
  if (shared && shared.size !== threads) shared.close();
  shared ??= new GrowThreads(threads - 1);
  return shared;
}

/** Stops the helpers now (they also stop by themselves a few seconds after the last fit). */
export function closeGrowThreads(): void {
  shared?.close();
}
