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
import { addBundlesK1, BLOCKED_ROWS, blockStart, foldJoint, mergeRowBlocks, ROW_BLOCKS, sumRowBlock } from './histogram';
import { stepRows } from './objective';

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
  KIND = 6,
  CTRL_WORDS = 8;
// Job kinds: sum a histogram's row blocks, or step the margins and gradients of blocks of positions.
const HISTOGRAM_JOB = 0,
  STEP_JOB = 1;
/** Block field of CLAIM when no job is open. */
const IDLE_BLOCK = 0xff;

/** What a helper runs: its job loop, with the kernels of histogram.ts and objective.ts pasted in from their source. */
function helperSource(): string {
  return `
const { parentPort } = require('node:worker_threads');
const addBundlesK1 = (${addBundlesK1.toString()});
const blockStart = (${blockStart.toString()});
const stepRows = (${stepRows.toString()});
parentPort.on('message', (m) => {
  const ctrl = new Int32Array(m.ctrl);
  const rows = new Int32Array(m.rows), g = new Float32Array(m.g), h = new Float32Array(m.h);
  const joint = m.wide ? new Uint32Array(m.joint) : new Uint16Array(m.joint);
  const { histSize, NB } = m;
  const arena = new Float64Array(m.arena), partials = new Float64Array(m.partials);
  const st = m.step && {
    margins: new Float64Array(m.step.margins), leafOfRow: new Int32Array(m.step.leafOfRow), y: new Float64Array(m.step.y),
    order: new Int32Array(m.step.order), value: new Float64Array(m.step.value), binary: m.step.binary,
  };
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
    const index = ctrl[${HIST}], start = ctrl[${START}], end = ctrl[${END}], kind = ctrl[${KIND}];
    if (Atomics.compareExchange(ctrl, ${CLAIM}, w, w + 1) !== w) continue;
    if (kind === ${STEP_JOB}) {
      const b0 = blockStart(start, end, c, ${ROW_BLOCKS}), b1 = blockStart(start, end, c + 1, ${ROW_BLOCKS});
      stepRows(st.binary, st.margins, st.value[0], st.value.subarray(1), st.leafOfRow, st.y, null, st.order, g, h, b0, b1);
      Atomics.add(ctrl, ${DONE}, 1);
      Atomics.notify(ctrl, ${DONE});
      continue;
    }
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
  /** With a step input: the margins (by position) and each row's leaf, for step(). */
  margins?: Float64Array;
  leafOfRow?: Int32Array;
}

/** What the helpers need to step margins and gradients after each tree (single-output objectives without weights). */
export interface StepInput {
  /** Training rows, in the order of the margins. */
  order: Uint32Array;
  y: Float64Array;
  binary: boolean;
  /** The most nodes a tree may have. */
  maxNodes: number;
}

interface SharedStep {
  margins: Float64Array;
  leafOfRow: Int32Array;
  order: Int32Array;
  y: Float64Array;
  /** The step's scale, then the tree's node values. */
  value: Float64Array;
  binary: boolean;
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
  step: SharedStep | null;
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
  /** Tree steps (margins and gradients) done with the helpers invited to take blocks. */
  steps = 0;
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
  attach(gm: GrowMatrix, maxHistograms: number, stepInput?: StepInput): SharedGrowth {
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
    let step: SharedStep | null = null;
    if (stepInput) {
      const m = stepInput.order.length;
      const order = new Int32Array(shared(m * 4), 0, m);
      order.set(stepInput.order);
      const y = new Float64Array(shared(n * 8), 0, n);
      y.set(stepInput.y);
      step = {
        margins: new Float64Array(shared(m * 8), 0, m),
        leafOfRow: new Int32Array(shared(n * 4), 0, n),
        order,
        y,
        value: new Float64Array(shared((stepInput.maxNodes + 1) * 8), 0, stepInput.maxNodes + 1),
        binary: stepInput.binary,
      };
    }
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
      step,
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
        step: step && {
          margins: step.margins.buffer,
          leafOfRow: step.leafOfRow.buffer,
          y: step.y.buffer,
          order: step.order.buffer,
          value: step.value.buffer,
          binary: step.binary,
        },
        arena: arena.buffer,
        histSize,
        NB,
      });
    return { g, h, rows: new Uint32Array(rows.buffer, 0, n), margins: step?.margins, leafOfRow: step?.leafOfRow };
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
    const { partials, histSize } = a;
    this.sharedBuilds++;
    this.run(HISTOGRAM_JOB, hist.byteOffset / 8 / histSize, start, end, (c) =>
      sumRowBlock(c, hist, partials, histSize, a.rows, start, end, a.g, a.h, a.joint, a.NB),
    );
    mergeRowBlocks(hist, partials, histSize);
    foldJoint(hist, a.foldFrom, a.foldTo, 2, 0, a.foldFrom.length);
  }

  /**
   * A tree's step, fused with the next round's gradients (objective.ts stepRows), in blocks of
   * positions side by side. Only on the attached margins and leaves; false (nothing done) otherwise,
   * and the caller steps alone.
   */
  step(margins: Float64Array, leafOfRow: Int32Array, value: Float64Array, scale: number): boolean {
    const st = this.attached?.step;
    if (!st || margins !== st.margins || leafOfRow !== st.leafOfRow || value.length + 1 > st.value.length) return false;
    st.value[0] = scale;
    st.value.set(value, 1);
    const { g, h } = this.attached!;
    const m = st.order.length;
    this.steps++;
    this.run(STEP_JOB, 0, 0, m, (c) =>
      stepRows(
        st.binary,
        margins,
        scale,
        value,
        leafOfRow,
        st.y,
        null,
        st.order,
        g,
        h,
        blockStart(0, m, c, ROW_BLOCKS),
        blockStart(0, m, c + 1, ROW_BLOCKS),
      ),
    );
    return true;
  }

  /** Posts a job of ROW_BLOCKS blocks, does the blocks no helper claims first, and waits for those a helper started. */
  private run(kind: number, index: number, start: number, end: number, block: (c: number) => void): void {
    const { ctrl } = this.attached!;
    ctrl[KIND] = kind;
    ctrl[HIST] = index;
    ctrl[START] = start;
    ctrl[END] = end;
    Atomics.store(ctrl, DONE, 0);
    const a = this.attached!;
    a.job = (a.job + 1) & 0x7fffff;
    Atomics.store(ctrl, CLAIM, a.job << 8);
    Atomics.notify(ctrl, CLAIM);
    let mine = 0;
    for (;;) {
      const w = Atomics.load(ctrl, CLAIM);
      const c = w & 0xff;
      if (c >= ROW_BLOCKS) break;
      if (Atomics.compareExchange(ctrl, CLAIM, w, w + 1) !== w) continue;
      block(c);
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
        throw new AutoMLError('A GBDT helper thread stopped answering while training a tree', 'internal');
      }
    }
    this.helperBlocks += ROW_BLOCKS - mine;
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
