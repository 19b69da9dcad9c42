/**
 * Knows which DuckDB calls of one engine are still running, so nothing is closed under one. DuckDB
 * runs a query on Node's thread pool; closing its connection or database meanwhile frees what that
 * thread is using, and the process dies with SIGSEGV (seen: a session's engine closed while the count
 * after a run was still going). Every connection the engine uses or hands out goes through `wrap`:
 * its `closeSync` waits for that connection's running calls (interrupting them), and `drain` lets the
 * engine close the database once every call has ended.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { SiltError } from '../../common/SiltError';

const CLOSING = 'The notebook session is closing, so its database takes no more queries.';

export class QueryTracker {
  /** Calls still running, by connection (a connection is here from wrap until it is really closed). */
  private readonly running = new Map<DuckDBConnection, number>();
  /** Connections whose owner closed them while calls ran: closed when the last one ends. */
  private readonly closeWhenIdle = new Set<DuckDBConnection>();
  /** Connections closed through wrap: a call on one is refused rather than sent to freed memory. */
  private readonly closed = new WeakSet<DuckDBConnection>();
  /** Each wrapped connection's own object, by the proxy wrap returned. */
  private readonly targets = new WeakMap<DuckDBConnection, DuckDBConnection>();
  private idleWaiters: (() => void)[] = [];
  private closing = false;

  /** Lets `outer`, a proxy over a connection wrap returned (LaneState.watch), be asked about in busy(). */
  alias(outer: DuckDBConnection, wrapped: DuckDBConnection): DuckDBConnection {
    const target = this.targets.get(wrapped);
    if (target) this.targets.set(outer, target);
    return outer;
  }

  /** Whether a call runs on `conn` (as wrap or alias returned it) now. */
  busy(conn: DuckDBConnection): boolean {
    return (this.running.get(this.targets.get(conn) ?? conn) ?? 0) > 0;
  }

  /** `conn`, with every call that returns a promise counted until it settles; refused once closing. */
  wrap(conn: DuckDBConnection): DuckDBConnection {
    this.running.set(conn, 0);
    const proxy = new Proxy(conn, {
      get: (target, prop) => {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        const fn = value as (...args: unknown[]) => unknown;
        if (prop === 'closeSync' || prop === 'disconnectSync') return () => this.close(target);
        return (...args: unknown[]) => {
          const shut = this.closed.has(target) || this.closeWhenIdle.has(target);
          if (prop === 'interrupt') {
            if (this.closed.has(target)) return undefined;
          } else if (this.closing) {
            throw new SiltError('session-gone', CLOSING);
          } else if (shut) {
            throw new SiltError('internal', 'A DuckDB connection was used after its owner closed it.');
          }
          const out = fn.apply(target, args);
          if (out instanceof Promise) this.track(target, out);
          return out;
        };
      },
    });
    this.targets.set(proxy, conn);
    return proxy;
  }

  /** Stops the calls running anywhere, refuses new ones, and resolves once none runs. */
  async drain(): Promise<void> {
    this.closing = true;
    if (this.total() === 0) return;
    // Again every 50 ms: DuckDB clears an interrupt when a query starts, so one sent just before a
    // queued statement begins would be lost (as in DuckEngine.stoppable).
    const interruptAll = () => {
      for (const [c, n] of this.running) if (n > 0) c.interrupt();
    };
    interruptAll();
    const timer = setInterval(interruptAll, 50);
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    clearInterval(timer);
  }

  /** Closes `conn` now if nothing runs on it, else stops what runs and closes it once that has ended. */
  private close(conn: DuckDBConnection): void {
    if (!this.running.has(conn)) return;
    if (this.running.get(conn) === 0) {
      this.running.delete(conn);
      this.closed.add(conn);
      conn.closeSync();
      return;
    }
    this.closeWhenIdle.add(conn);
    conn.interrupt();
  }

  private total(): number {
    let n = 0;
    for (const c of this.running.values()) n += c;
    return n;
  }

  private track(conn: DuckDBConnection, p: Promise<unknown>): void {
    this.running.set(conn, (this.running.get(conn) ?? 0) + 1);
    const done = () => {
      const left = (this.running.get(conn) ?? 1) - 1;
      this.running.set(conn, left);
      if (left === 0 && this.closeWhenIdle.delete(conn)) this.close(conn);
      if (this.total() > 0) return;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    };
    p.then(done, done);
  }
}
