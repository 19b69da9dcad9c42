import type { ServerResponse } from 'node:http';

/** Raised when the client went away mid-stream, so producers stop reading the table. */
export class ClientGoneError extends Error {
  constructor() {
    super('client closed the connection');
  }
}

/** Lines are sent in chunks of about this size: one socket write per line costs far more. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Writes one JSON object per line, waiting for the socket to drain whenever its buffer is full, so a
 * 100k-file answer never sits in memory.
 */
export class NdjsonWriter {
  private closed = false;
  private pending: string[] = [];
  private pendingBytes = 0;

  constructor(private readonly res: ServerResponse) {
    res.on('close', () => {
      this.closed = true;
    });
  }

  async write(line: unknown): Promise<void> {
    if (this.closed || this.res.destroyed) throw new ClientGoneError();
    const text = JSON.stringify(line) + '\n';
    this.pending.push(text);
    this.pendingBytes += text.length;
    if (this.pendingBytes >= CHUNK_BYTES) await this.flush();
  }

  /** Sends what is buffered now (e.g. the protocol and metaData lines, so clients can start). */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    if (this.res.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        this.res.off('close', gone);
        resolve();
      };
      const gone = () => {
        this.res.off('drain', done);
        reject(new ClientGoneError());
      };
      this.res.once('drain', done);
      this.res.once('close', gone);
    });
  }

  async end(): Promise<void> {
    await this.flush();
    if (!this.closed) this.res.end();
  }
}
