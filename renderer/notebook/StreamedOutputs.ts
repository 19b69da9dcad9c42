/**
 * The outputs of running cells between `run.output` events and the document. Events are folded
 * into each run's OutputBuilder as they arrive (linear in their size, capped), and the document gets
 * them at most once per animation frame: 50,000 printed lines are a few dozen renders, not 50,000.
 */
import { OutputBuilder } from '../../common/OutputBuilder';
import type { Output } from '../../kernel/protocol/notebook';

interface Run {
  cellId: string;
  builder: OutputBuilder<Output>;
  dirty: boolean;
}

/** Runs `cb` on a frame at least `delayMs` from now. */
export type Schedule = (cb: () => void, delayMs: number) => void;

/** The next frame; a hidden window gets no frames, so a timer stands in to keep memory and state moving. */
const nextFrame: Schedule = (cb, delayMs) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cb();
  };
  setTimeout(() => requestAnimationFrame(once), delayMs);
  setTimeout(once, delayMs + 250);
};

/**
 * Past this many characters on screen, the window is repainted at most every BIG_DELAY_MS: laying
 * out a megabyte of text every frame would slow down the delivery of the text itself.
 */
const BIG_CHARS = 200_000;
const BIG_DELAY_MS = 150;

export class StreamedOutputs {
  private readonly runs = new Map<string, Run>();
  private scheduled = false;
  private shownChars = 0;

  constructor(
    private readonly show: (cellId: string, outputs: Output[]) => void,
    private readonly schedule: Schedule = nextFrame,
  ) {}

  start(runId: string, cellId: string): void {
    this.runs.set(runId, { cellId, builder: new OutputBuilder<Output>(), dirty: false });
  }

  /** Adds an output of a run this window started; false for any other run. */
  push(runId: string, output: Output): boolean {
    const run = this.runs.get(runId);
    if (!run) return false;
    run.builder.push(output);
    run.dirty = true;
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush(), this.shownChars > BIG_CHARS ? BIG_DELAY_MS : 0);
    }
    return true;
  }

  /** Ends a run: nothing more of it reaches the document. Returns its outputs so far (for an error after them). */
  finish(runId: string): Output[] {
    const run = this.runs.get(runId);
    this.runs.delete(runId);
    return run ? run.builder.build() : [];
  }

  private flush(): void {
    this.scheduled = false;
    for (const run of this.runs.values()) {
      if (!run.dirty) continue;
      run.dirty = false;
      const outputs = run.builder.build();
      this.shownChars = outputs.reduce((n, o) => n + (o.kind === 'stream' ? o.text.length : 0), 0);
      this.show(run.cellId, outputs);
    }
  }
}
