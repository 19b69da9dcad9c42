/**
 * A run's outputs for its result. While small they are kept as written, one per write, as callers
 * have always seen them; once they pass 10,000 writes or the stream cap's size they are merged and
 * capped like the window shows them, so a chatty loop cannot make a result of many megabytes (or
 * hold them in the session) when the window would keep about one.
 */
import { STREAM_CAP } from '../../common/CappedText';
import { OutputBuilder } from '../../common/OutputBuilder';
import type { Output } from '../protocol';

const MAX_WRITES = 10_000;
const MAX_CHARS = STREAM_CAP.headChars + STREAM_CAP.tailChars;

export class RunOutputs {
  private asWritten: Output[] | null = [];
  private chars = 0;
  private readonly merged = new OutputBuilder<Output>();

  push(o: Output): void {
    this.merged.push(o);
    if (!this.asWritten) return;
    this.asWritten.push(o);
    if (o.kind === 'stream') this.chars += o.text.length;
    if (this.asWritten.length > MAX_WRITES || this.chars > MAX_CHARS) this.asWritten = null;
  }

  build(): Output[] {
    return this.asWritten ? [...this.asWritten] : this.merged.build();
  }
}
