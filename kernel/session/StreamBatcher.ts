/**
 * Run outputs on their way to the window. Consecutive writes to one stream travel as one event, sent
 * when 64 KB have gathered, after 16 ms, or before anything else is sent: Chromium delivers each
 * WebSocket message to the page at a fixed cost, so 50,000 one-line events took seconds to arrive
 * while 20 events of 64 KB arrive at once. Every other output is sent as it comes, after the text.
 */
import type { Output, StreamOutput } from '../protocol';

export interface BatchLimits {
  maxChars: number;
  delayMs: number;
}

const LIMITS: BatchLimits = { maxChars: 64 * 1024, delayMs: 16 };

export class StreamBatcher {
  private name: StreamOutput['name'] | null = null;
  private chunks: string[] = [];
  private chars = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (o: Output) => void,
    private readonly limits: BatchLimits = LIMITS,
  ) {}

  push(o: Output): void {
    if (o.kind !== 'stream') {
      this.flush();
      this.send(o);
      return;
    }
    if (this.name !== o.name) this.flush();
    this.name = o.name;
    this.chunks.push(o.text);
    this.chars += o.text.length;
    if (this.chars >= this.limits.maxChars) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.limits.delayMs);
  }

  /** Sends what has gathered; the run calls it before its result, so events still come first. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.name && this.chunks.length) this.send({ kind: 'stream', name: this.name, text: this.chunks.join('') });
    this.name = null;
    this.chunks = [];
    this.chars = 0;
  }
}
