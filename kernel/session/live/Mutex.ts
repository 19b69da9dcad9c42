/**
 * One holder at a time, in arrival order. The live tables' writes hold it, so two tables never
 * interleave statements of their transactions on the one live connection. Cell runs never take it:
 * they read the copies through the session's own connection, under DuckDB's MVCC.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for the previous holders; call the returned function to let the next one in. */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const previous = this.tail;
    this.tail = previous.then(() => mine);
    await previous;
    return release;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
