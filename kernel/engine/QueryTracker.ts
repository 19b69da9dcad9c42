/**
 * Knows which DuckDB calls of one engine are still running, so the engine closes only once none is.
 * DuckDB runs a query on Node's thread pool; closing its connection or database meanwhile frees what
 * that thread is using, and the process dies with SIGSEGV (seen: a session closed while the count after
 * a run was still going). Every connection the engine uses or hands out goes through `wrap`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { SiltError } from '../../common/SiltError';

export class QueryTracker {
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly connections = new Set<DuckDBConnection>();
  private closing = false;

  /** `conn`, with every call that returns a promise counted until it settles; refused once closing. */
  wrap(conn: DuckDBConnection): DuckDBConnection {
    this.connections.add(conn);
    return new Proxy(conn, {
      get: (target, prop) => {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        const fn = value as (...args: unknown[]) => unknown;
        if (prop === 'closeSync' || prop === 'disconnectSync') {
          return () => {
            this.connections.delete(target);
            return fn.apply(target);
          };
        }
        return (...args: unknown[]) => {
          if (this.closing && prop !== 'interrupt') {
            throw new SiltError('session-gone', 'The notebook session is closing, so its database takes no more queries.');
          }
          const out = fn.apply(target, args);
          if (out instanceof Promise) this.track(out);
          return out;
        };
      },
    });
  }

  /**
   * Refuses new calls, interrupts the running ones, and resolves once every call has settled: then
   * the connections and the database can be closed without pulling memory from under a query.
   */
  async drain(): Promise<void> {
    this.closing = true;
    if (this.running === 0) return;
    // Again every 50 ms: DuckDB clears an interrupt when a query starts, so one sent just before a
    // queued statement begins would be lost (as in DuckEngine.stoppable).
    const interruptAll = () => {
      for (const c of this.connections) c.interrupt();
    };
    interruptAll();
    const timer = setInterval(interruptAll, 50);
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    clearInterval(timer);
  }

  private track(p: Promise<unknown>): void {
    this.running++;
    const done = () => {
      if (--this.running > 0) return;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    };
    p.then(done, done);
  }
}
