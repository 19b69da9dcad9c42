/**
 * Helper threads that share the building of one tree's large histograms, for a model trained alone
 * (the AutoML search already keeps every core busy with one trial per worker). A large node's rows are
 * cut into ROW_BLOCKS blocks (histogram.ts); whichever thread claims a block sums its rows, in row
 * order, into the block's own partial histogram, and the calling thread adds the partials up in block
 * order and folds the joint slots. The blocks depend on the node alone and growTree sums a large node
 * the same way without helpers, so a model is bit-identical whatever the number of threads.
 *
 * Why rows and not features: a histogram update is a few additions, but reaching a row (its index,
 * gradient, hessian and codes) is a handful of cache misses. When each thread took some of the
 * features of every row, both paid for reaching every row, and two threads were no faster than one
 * (measured: 43 ns per row shared against 38 alone on adult). A block of rows is reached by one thread.
 *
 * Blocks are claimed, not assigned: the calling thread claims blocks too, so a helper that is slow to
 * wake (a machine busy with other work) costs nothing but its share of the speed-up; the caller waits
 * only for blocks a helper has actually started. Rows, gradients, the bundle codes and the histograms
 * live in SharedArrayBuffers, and a job is one word in a shared control block (Atomics), so a
 * histogram costs no message passing. Helpers run a source built from histogram.ts's functions (no
 * bundling step needed). They are unref'd (never keep the process alive), stay between fits for a few
 * seconds, then exit; close() ends them at once.
 */
import { Worker } from 'node:worker_threads';
import { AutoMLError } from './AutoMLError';
import type { GrowMatrix } from './growMatrix';
import { addBundlesK1, addHistogram, BLOCKED_ROWS, blockStart, foldJoint, ROW_BLOCKS } from './histogram';

/** The most threads a fit uses, whatever it asks for: one per row block. */
const MAX_THREADS = ROW_BLOCKS;
/** Memory for shared histograms per fit; histograms past it are private, built by the calling thread. */
const ARENA_BYTES = 64 << 20;
/** Helpers exit after this long without a fit. */
const IDLE_MS = 3000;
/** A helper that does not finish a started block within this long has died: fail the fit instead of waiting forever. */
const STALL_MS = 60_000;
/** Polls of a shared word before sleeping on it: a job is usually posted (or finished) within microseconds. */
const SPIN = 4000;

// Control block words, a fresh block per fit (a helper still in the last fit's loop never sees the next one's jobs).
// CLAIM holds (job << 8) | next block: claiming is one compare-and-swap, which fails once the job has moved on.
const CLAIM = 0,
  DONE = 1,
  HIST = 2,
  START = 3,
  END = 4,
  STOP = 5,
  CTRL_WORDS = 8;
/** Block field of CLAIM when no job is open. */
const IDLE_BLOCK = 0xff;

/** What a helper runs: its job loop, with the kernels of histogram.ts pasted in from their source. */
function helperSource(): string {
  return `
const { parentPort } = require('node:worker_threads');
const addBundlesK1 = (${addBundlesK1.toString()});
const blockStart = (${blockStart.toString()});
parentPort.on('message', (m) => {
  const ctrl = new Int32Array(m.ctrl);
  const rows = new Int32Array(m.rows), g = new Float32Array(m.g), h = new Float32Array(m.h);
  const joint = m.wide ? new Uint32Array(m.joint) : new Uint16Array(m.joint);
  const { histSize, NB } = m;
  const arena = new Float64Array(m.arena), partials = new Float64Array(m.partials);
  while (Atomics.load(ctrl, ${STOP}) === 0) {
    const w = Atomics.load(ctrl, ${CLAIM});
    const c = w & 0xff;
    if (c >= ${ROW_BLOCKS}) {
      let spin = 0;
      while (Atomics.load(ctrl, ${CLAIM}) === w && Atomics.load(ctrl, ${STOP}) === 0)
        if (++spin > ${SPIN}) Atomics.wait(ctrl, ${CLAIM}, w, 1000);
      continue;
    }
    // The job's words stay put until all its blocks are done, and this block is not yet claimed.
    const index = ctrl[${HIST}], start = ctrl[${START}], end = ctrl[${END}];
    if (Atomics.compareExchange(ctrl, ${CLAIM}, w, w + 1) !== w) continue;
    const into = c === 0 ? arena.subarray(index * histSize, (index + 1) * histSize) : partials.subarray((c - 1) * histSize, c * histSize);
    if (c > 0) into.fill(0);
    addBundlesK1(into, rows, blockStart(start, end, c, ${ROW_BLOCKS}), blockStart(start, end, c + 1, ${ROW_BLOCKS}), g, h, joint, NB, 0, NB);
    Atomics.add(ctrl, ${DONE}, 1);
    Atomics.notify(ctrl, ${DONE});
  }
});`;
}

/** Buffers of one fit in shared memory: fill g, h and rows, and grow trees with `threads` in their input. */
export interface SharedGrowth {
  g: Float32Array;
  h: Float32Array;
  rows: Uint32Array;
}

interface Attached {
  ctrl: Int32Array;
  job: number;
  rows: Int32Array;
  g: Float32Array;
  h: Float32Array;
  joint: Uint16Array | Uint32Array;
  NB: number;
  foldFrom: Int32Array;
  foldTo: Int32Array;
  /** Partial histograms of row blocks 1.. (block 0 sums into the node's histogram itself). */
  partials: Float64Array;
  arena: Float64Array;
  histSize: number;
  handedOut: number;
}

export class GrowThreads {
  private readonly workers: Worker[];
  private attached: Attached | null = null;
  private idle: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** Histograms built with the helpers invited to take blocks. */
  sharedBuilds = 0;
  /** Row blocks the helpers summed (the calling thread summed the rest): how a test knows they took part. */
  helperBlocks = 0;
  /** Resolves once every helper thread has exited. */
  readonly exited: Promise<void>;

  /** Use growThreads(), which keeps one set of helpers for the process. */
  constructor(helpers: number) {
    const source = helperSource();
    this.workers = Array.from({ length: helpers }, () => {
      const worker = new Worker(source, { eval: true });
      worker.unref();
      // A helper that fails only loses its share: the calling thread claims whatever it leaves (and an
      // unheard 'error' event would end the process).
      worker.on('error', () => undefined);
      return worker;
    });
    this.exited = Promise.all(this.workers.map((w) => new Promise((resolve) => w.once('exit', resolve)))).then(() => undefined);
  }

  get busy(): boolean {
    return this.attached !== null;
  }

  get size(): number {
    return this.workers.length + 1;
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
    const shared = (bytes: number) => new SharedArrayBuffer(Math.max(8, bytes));
    const g = new Float32Array(shared(n * 4), 0, n);
    const h = new Float32Array(shared(n * 4), 0, n);
    const rows = new Int32Array(shared(n * 4), 0, n);
    const joint =
      gm.joint instanceof Uint32Array
        ? new Uint32Array(shared(gm.joint.length * 4), 0, gm.joint.length)
        : new Uint16Array(shared(gm.joint.length * 2), 0, gm.joint.length);
    joint.set(gm.joint);
    // Allocated up front (helpers see only buffers they were sent), so wide tables get fewer shared histograms.
    const arena = new Float64Array(shared(Math.min(maxHistograms, Math.floor(ARENA_BYTES / (histSize * 8))) * histSize * 8));
    const partials = new Float64Array(shared((ROW_BLOCKS - 1) * histSize * 8), 0, (ROW_BLOCKS - 1) * histSize);
    const ctrl = new Int32Array(shared(CTRL_WORDS * 4));
    ctrl[CLAIM] = IDLE_BLOCK;
    this.attached = {
      ctrl,
      job: 0,
      rows,
      g,
      h,
      joint,
      NB,
      foldFrom: gm.foldFrom,
      foldTo: gm.foldTo,
      partials,
      arena,
      histSize,
      handedOut: 0,
    };
    for (const w of this.workers)
      w.postMessage({
        ctrl: ctrl.buffer,
        rows: rows.buffer,
        g: g.buffer,
        h: h.buffer,
        joint: joint.buffer,
        wide: joint instanceof Uint32Array,
        partials: partials.buffer,
        arena: arena.buffer,
        histSize,
        NB,
      });
    return { g, h, rows: new Uint32Array(rows.buffer, 0, n) };
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
    return m >= BLOCKED_ROWS && !!this.attached && hist.buffer === this.attached.arena.buffer;
  }

  /**
   * Sums rows[start..end) into a shared histogram (zeroed by the caller) in row blocks, helpers
   * claiming blocks, then adds the partials up in block order and folds the joint slots.
   */
  addBundles(hist: Float64Array, start: number, end: number): void {
    const a = this.attached!;
    const { ctrl, partials, histSize } = a;
    this.sharedBuilds++;
    ctrl[HIST] = hist.byteOffset / 8 / histSize;
    ctrl[START] = start;
    ctrl[END] = end;
    Atomics.store(ctrl, DONE, 0);
    a.job = (a.job + 1) & 0x7fffff;
    Atomics.store(ctrl, CLAIM, a.job << 8);
    Atomics.notify(ctrl, CLAIM);
    let mine = 0;
    for (;;) {
      const w = Atomics.load(ctrl, CLAIM);
      const c = w & 0xff;
      if (c >= ROW_BLOCKS) break;
      if (Atomics.compareExchange(ctrl, CLAIM, w, w + 1) !== w) continue;
      const into = c === 0 ? hist : partials.subarray((c - 1) * histSize, c * histSize);
      if (c > 0) into.fill(0);
      addBundlesK1(
        into,
        a.rows,
        blockStart(start, end, c, ROW_BLOCKS),
        blockStart(start, end, c + 1, ROW_BLOCKS),
        a.g,
        a.h,
        a.joint,
        a.NB,
        0,
        a.NB,
      );
      mine++;
    }
    Atomics.add(ctrl, DONE, mine);
    // Only blocks a helper has started are left: wait for them.
    let spin = 0;
    const t0 = Date.now();
    for (let done; (done = Atomics.load(ctrl, DONE)) < ROW_BLOCKS;) {
      if (++spin < SPIN) continue;
      Atomics.wait(ctrl, DONE, done, 50);
      if (Date.now() - t0 > STALL_MS) {
        void this.close();
        throw new AutoMLError('A GBDT helper thread stopped answering while building a histogram', 'internal');
      }
    }
    this.helperBlocks += ROW_BLOCKS - mine;
    for (let c = 1; c < ROW_BLOCKS; c++) addHistogram(hist, partials.subarray((c - 1) * histSize, c * histSize), histSize);
    foldJoint(hist, a.foldFrom, a.foldTo, 2, 0, a.foldFrom.length);
  }

  /** Ends the fit: helpers leave its job loop and, unless another fit attaches, exit after a while. */
  detach(): void {
    const a = this.attached;
    if (!a) return;
    this.attached = null;
    Atomics.store(a.ctrl, STOP, 1);
    Atomics.notify(a.ctrl, CLAIM);
    if (!this.closed) {
      this.idle = setTimeout(() => void this.close(), IDLE_MS);
      this.idle.unref();
    }
  }

  /** Resolves once the helpers have exited: a process must not end while one is still terminating. */
  close(): Promise<void> {
    this.closed = true;
    if (this.idle) clearTimeout(this.idle);
    if (this.attached) Atomics.store(this.attached.ctrl, STOP, 1);
    this.attached = null;
    const exited = Promise.all(this.workers.map((w) => w.terminate())).then(() => undefined);
    if (shared === this) shared = null;
    return exited;
  }
}

let shared: GrowThreads | null = null;

/**
 * The helpers for a fit on `threads` threads in all (the calling one included): kept between fits
 * and resized when asked for another count. Null for one thread, or while another fit holds them.
 */
export function growThreads(threads: number): GrowThreads | null {
  threads = Math.min(Math.floor(threads), MAX_THREADS);
  if (!(threads > 1) || typeof SharedArrayBuffer !== 'function') return null;
  if (shared?.busy) return null;
  if (shared && shared.size !== threads) void shared.close();
  shared ??= new GrowThreads(threads - 1);
  return shared;
}

/** Stops the helpers now (they also stop by themselves a few seconds after the last fit). */
export function closeGrowThreads(): Promise<void> {
  return shared?.close() ?? Promise.resolve();
}
