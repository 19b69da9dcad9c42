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

/** Where a piece of at most `room` characters from `at` ends, never inside a surrogate pair. */
function pieceEnd(text: string, at: number, room: number): number {
  const end = Math.min(text.length, at + Math.max(room, 1));
  const c = text.charCodeAt(end - 1);
  return end < text.length && end - 1 > at && c >= 0xd800 && c <= 0xdbff ? end - 1 : end;
}

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
    // One huge write (a whole file logged at once) travels in pieces too, never as one giant message.
    for (let at = 0; at < o.text.length;) {
      const end = pieceEnd(o.text, at, this.limits.maxChars - this.chars);
      this.chunks.push(o.text.slice(at, end));
      this.chars += end - at;
      at = end;
      if (this.chars >= this.limits.maxChars) this.flush();
      this.name = o.name;
    }
    if (this.chars > 0) this.timer ??= setTimeout(() => this.flush(), this.limits.delayMs);
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
