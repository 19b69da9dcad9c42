/**
 * A cell's outputs as they stream in. Consecutive writes to one stream are one output, as Jupyter
 * stores them, and each stream output keeps within `STREAM_CAP` (head, marker, tail). The session,
 * the window and the .ipynb writer all use this, so a cell reads the same wherever it is shown.
 *
 * Generic over the output type so this pure layer needs nothing from the protocol: any output with
 * `kind: 'stream'` and a `name` and `text` is a stream, everything else passes through untouched.
 */
import { CappedText, STREAM_CAP, type TextCap } from './CappedText';

export interface OutputLike {
  kind: string;
}

interface StreamLike {
  kind: 'stream';
  name: string;
  text: string;
}

function isStream(o: OutputLike): o is StreamLike {
  return o.kind === 'stream';
}

/** Stream outputs this module produced: already merged and within the cap, so no need to re-read them. */
const capped = new WeakSet<object>();

export class OutputBuilder<O extends OutputLike> {
  private readonly done: O[] = [];
  /**
   * The stream output being written to. Its text is read into a CappedText only when something is
   * appended or when it did not come from here (so it may be over the cap).
   */
  private open: { proto: O & StreamLike; text: CappedText | null; built: O | null } | null = null;

  constructor(
    initial: readonly O[] = [],
    private readonly cap: TextCap = STREAM_CAP,
  ) {
    for (const o of initial) this.push(o);
  }

  push(o: O): void {
    if (!isStream(o)) {
      this.close();
      this.done.push(o);
      return;
    }
    if (this.open && this.open.proto.name === o.name) {
      this.open.text ??= CappedText.from(this.open.proto.text, this.cap);
      this.open.text.append(o.text);
      this.open.built = null;
      return;
    }
    this.close();
    this.open = capped.has(o) ? { proto: o, text: null, built: o } : { proto: o, text: CappedText.from(o.text, this.cap), built: null };
  }

  /**
   * The outputs so far, as new arrays and objects (React sees the change by identity). Costs time in
   * the size of the kept text, not of all the text ever written: call it once per batch or frame.
   */
  build(): O[] {
    if (!this.open) return [...this.done];
    this.open.built ??= this.streamOutput(this.open.proto, this.open.text!);
    return [...this.done, this.open.built];
  }

  private close(): void {
    if (!this.open) return;
    this.done.push(this.open.built ?? this.streamOutput(this.open.proto, this.open.text!));
    this.open = null;
  }

  /** A new object when the text changed; the same one when it was already merged and within the cap. */
  private streamOutput(proto: O & StreamLike, text: CappedText): O {
    const kept = text.text();
    const out: O = kept === proto.text ? proto : { ...proto, text: kept };
    capped.add(out);
    return out;
  }
}

/** Outputs with consecutive writes to a stream merged and every stream output within the cap. */
export function mergeOutputs<O extends OutputLike>(outputs: readonly O[]): O[] {
  return new OutputBuilder(outputs).build();
}
