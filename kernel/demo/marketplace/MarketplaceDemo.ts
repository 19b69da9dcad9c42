/**
 * The embedded demo share's data: a used-car marketplace whose events stream into Bronze and are
 * refined into Silver and Gold Delta tables, one tick at a time, reproducibly from a seed.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DeltaTable } from '../../delta';
import { appendEvents, createBronze } from './bronze';
import { compactIfFragmented } from './compaction';
import { openHandle, type DeltaHandle } from './deltaHandle';
import { readDemoState, STATE_FILE, writeDemoState } from './demoState';
import { EventGenerator } from './eventGenerator';
import { Gold } from './gold';
import { initialMarketState } from './marketState';
import { Silver } from './silver';

export interface DemoTable {
  schema: 'bronze' | 'silver' | 'gold';
  name: string;
  /** Absolute folder of the Delta table. */
  path: string;
  /** Change data feed enabled. */
  cdf: boolean;
}

export const DEFAULT_SEED = 2026;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Synthetic time per live tick: with the default 5 s interval, a demo day passes in 8 minutes. */
const LIVE_SPAN_MS = 15 * MINUTE;
/**
 * Live files a merged table may reach before it is compacted: Silver's compactions show in its
 * change feed (see compaction.ts), so it is compacted less often than Gold.
 */
const MAX_FILES = { silver: 64, gold: 16 };
/** The initial history: five days, two more, then the morning of the next, so live ticks start at 09:00. */
const HISTORY_SPANS_MS = [5 * 24 * HOUR, 24 * HOUR, 24 * HOUR, 9 * HOUR];

const LAYOUT: Omit<DemoTable, 'path'>[] = [
  { schema: 'bronze', name: 'events', cdf: false },
  { schema: 'silver', name: 'listings', cdf: true },
  { schema: 'silver', name: 'orders', cdf: true },
  { schema: 'gold', name: 'daily_sales', cdf: false },
  { schema: 'gold', name: 'inventory_by_make', cdf: false },
];

export class MarketplaceDemo {
  private readonly paths: Record<string, string>;
  private running: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private looping = false;
  /** Set when a tick failed part-way: the tables and the generator may disagree until reopened. */
  private broken: Error | undefined;

  private constructor(
    private readonly root: string,
    private readonly seed: number,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly generator: EventGenerator,
    private readonly bronze: DeltaHandle,
    private readonly silver: Silver,
    private readonly gold: Gold,
  ) {
    this.paths = tablePaths(root);
  }

  /**
   * Opens the demo under `root`, creating it with its initial history when it is missing, was
   * made with another seed, or was left inconsistent by a crash mid-tick.
   */
  static async open(dir: string, opts: { seed?: number } = {}): Promise<MarketplaceDemo> {
    const root = resolve(dir);
    const seed = opts.seed ?? DEFAULT_SEED;
    const paths = tablePaths(root);
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const conn = await instance.connect();
    try {
      await conn.run(`SET TimeZone = 'UTC'`);
      const saved = await readDemoState(root);
      if (saved && saved.seed === seed && (await versionsMatch(paths, saved.tableVersions))) {
        const silver = await Silver.open({ listings: paths['silver.listings'], orders: paths['silver.orders'] }, saved.erasedOrders);
        const gold = await Gold.open({ dailySales: paths['gold.daily_sales'], inventory: paths['gold.inventory_by_make'] });
        const bronze = await openHandle(paths['bronze.events']);
        return new MarketplaceDemo(root, seed, instance, conn, new EventGenerator(saved.market), bronze, silver, gold);
      }
      for (const schema of ['bronze', 'silver', 'gold']) await rm(join(root, schema), { recursive: true, force: true });
      await rm(join(root, STATE_FILE), { force: true });
      await mkdir(root, { recursive: true });
      const bronze = await createBronze(paths['bronze.events']);
      const silver = await Silver.create({ listings: paths['silver.listings'], orders: paths['silver.orders'] });
      const gold = await Gold.create({ dailySales: paths['gold.daily_sales'], inventory: paths['gold.inventory_by_make'] });
      const demo = new MarketplaceDemo(root, seed, instance, conn, new EventGenerator(initialMarketState(seed)), bronze, silver, gold);
      for (const span of HISTORY_SPANS_MS) await demo.enqueueTick(span);
      return demo;
    } catch (e) {
      conn.closeSync();
      instance.closeSync();
      throw e;
    }
  }

  /** One tick: a batch of events appended to Bronze, then Silver and Gold refreshed. */
  tick(): Promise<{ bronzeVersion: number; events: number }> {
    return this.enqueueTick(LIVE_SPAN_MS);
  }

  /** Ticks every `intervalMs` until stop(), each tick starting after the previous one ended. */
  start(intervalMs = 5000): void {
    if (this.looping) return;
    this.looping = true;
    const loop = () => {
      this.timer = setTimeout(async () => {
        try {
          await this.tick();
        } catch (e) {
          console.error(`[demo] marketplace tick failed: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (this.looping && !this.broken) loop();
      }, intervalMs);
    };
    loop();
  }

  async stop(): Promise<void> {
    this.looping = false;
    clearTimeout(this.timer);
    await this.running;
  }

  tables(): DemoTable[] {
    return LAYOUT.map((t) => ({ ...t, path: this.paths[`${t.schema}.${t.name}`] }));
  }

  async close(): Promise<void> {
    await this.stop();
    this.conn.closeSync();
    this.instance.closeSync();
  }

  /** Runs after any tick in progress, so ticks never overlap. */
  private enqueueTick(spanMs: number): Promise<{ bronzeVersion: number; events: number }> {
    const next = this.running.then(() => this.runTick(spanMs));
    this.running = next.catch(() => undefined);
    return next;
  }

  private async runTick(spanMs: number): Promise<{ bronzeVersion: number; events: number }> {
    if (this.broken) throw new Error(`the demo stopped after a failed tick; reopen it to rebuild (${this.broken.message})`);
    try {
      return await this.writeTick(spanMs);
    } catch (e) {
      this.broken = e instanceof Error ? e : new Error(String(e));
      throw e;
    }
  }

  private async writeTick(spanMs: number): Promise<{ bronzeVersion: number; events: number }> {
    const events = this.generator.nextBatch(spanMs);
    const batch = this.generator.batch;
    const bronzeVersion = await appendEvents(this.bronze, this.conn, events, batch);
    const { touchedOrderDays } = await this.silver.refresh(this.conn, this.bronze.table, bronzeVersion);
    await this.gold.refresh(this.conn, this.silver, touchedOrderDays);
    await compactIfFragmented(this.conn, this.silver.listings, ['listing_id'], MAX_FILES.silver);
    await compactIfFragmented(this.conn, this.silver.orders, ['order_id'], MAX_FILES.silver);
    await compactIfFragmented(this.conn, this.gold.dailySales, ['day', 'region'], MAX_FILES.gold);
    const tableVersions: Record<string, number> = {};
    for (const [key, path] of Object.entries(this.paths)) tableVersions[key] = await DeltaTable.open(path).latestVersion();
    await writeDemoState(this.root, { seed: this.seed, market: this.generator.state, erasedOrders: this.silver.erased, tableVersions });
    return { bronzeVersion, events: events.length };
  }
}

function tablePaths(root: string): Record<string, string> {
  return Object.fromEntries(LAYOUT.map((t) => [`${t.schema}.${t.name}`, join(root, t.schema, t.name)]));
}

async function versionsMatch(paths: Record<string, string>, saved: Record<string, number>): Promise<boolean> {
  try {
    for (const [key, path] of Object.entries(paths)) {
      if ((await DeltaTable.open(path).latestVersion()) !== saved[key]) return false;
    }
    return true;
  } catch {
    return false;
  }
}
