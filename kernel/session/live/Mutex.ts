/**
 * One holder at a time, in arrival order. A cell run and a live table's apply step both hold it, so a
 * statement never sees a local copy half-way through an increment.
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
