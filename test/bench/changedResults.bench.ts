/**
 * The look after each run for named results whose tables later SQL changed (changedResults.ts), per
 * run, against the old look it replaced (one count(*) per named result after every run, which could
 * not see an UPDATE that keeps the count), both in this process on the same tables. The new look reads
 * nothing after a run that only read, and fingerprints (a hash of every row) only the tables a run's
 * statements may have changed; that costs more than a count, and is paid by modifying runs alone.
 * Last, what placing each statement (its words, else a prepare for its type) adds to a cell of many small
 * statements.
 */
import { changedResults } from '../../kernel/engine/changedResults';
import { DuckEngine } from '../../kernel/engine/DuckEngine';
import { tableFingerprint } from '../../kernel/engine/tableFingerprint';

const BIG = Number(process.env.SILT_CHANGED_ROWS ?? 2_000_000);
const SMALL = 100_000;
const RUNS = 5;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** The median of a few runs, so one hiccup of a shared machine does not decide the line. */
async function median(fn: () => Promise<unknown>, before: () => Promise<unknown> = async () => {}): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await before();
    ms.push(await time(fn));
  }
  return ms.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

export async function run(): Promise<string[]> {
  const engine = await DuckEngine.create();
  try {
    const rows = (n: number) =>
      `SELECT range AS id, (range * 7919) % 100003 AS amount, 'city ' || (range % 50) AS city, DATE '2024-01-01' + (range % 365)::INTEGER AS day FROM range(${n})`;
    await engine.execute(rows(BIG), { name: 'orders' });
    for (const name of ['customers', 'products', 'regions']) await engine.execute(rows(SMALL), { name });
    const named = engine.namedResults();
    // The old look, as it was: a count of every named result after every run.
    const old = await median(async () => {
      for (const r of named) await engine.countNow(r.table);
    });
    const afterSelect = await median(
      () => changedResults(engine),
      () => engine.execute('SELECT city, sum(amount) FROM orders GROUP BY city'),
    );
    const selectRead = engine.writes.lastLook.length;
    // Sets a value it already has: the table is looked at (and found as it was) every time.
    const afterUpdate = await median(
      () => changedResults(engine),
      () => engine.execute('UPDATE orders SET amount = amount WHERE id < 1000'),
    );
    const updateRead = engine.writes.lastLook.join(', ');
    const count = await median(() => engine.countNow('orders'));
    // Each statement of a cell is placed (by its words; prepared for its type when they cannot tell):
    // a cell of many small statements pays for it most. Against the same statements run one by one.
    await engine.execute('CREATE TABLE log (n INTEGER)');
    const inserts = Array.from({ length: 300 }, (_, i) => `INSERT INTO log VALUES (${i})`);
    const typed = await median(() => engine.execute(inserts.join(';\n') + ';\nSELECT count(*) FROM log'));
    const plain = await median(async () => {
      for (const st of inserts) await engine.connection.run(st);
      await engine.execute('SELECT count(*) FROM log');
    });
    const fingerprint = await median(() => tableFingerprint(engine.connection, 'orders'));
    const line = (label: string, ms: number, note: string) => `${label.padEnd(52)} ${ms.toFixed(2).padStart(7)} ms  ${note}`;
    return [
      `named results: orders (${BIG.toLocaleString('en-US')} rows) and 3 of ${SMALL.toLocaleString('en-US')} rows`,
      line('old look after any run (count(*) of all 4)', old, 'baseline'),
      line(`look after a SELECT-only run (reads ${selectRead} tables)`, afterSelect, `${(afterSelect / old).toFixed(2)}× the old look`),
      line(`look after an UPDATE of orders (reads ${updateRead})`, afterUpdate, `${(afterUpdate / old).toFixed(1)}× the old look`),
      line(
        'fingerprint of orders before its first write',
        fingerprint,
        `${(fingerprint / count).toFixed(0)}× its count(*) (${count.toFixed(2)} ms)`,
      ),
      line(
        'a cell of 300 INSERTs, each statement placed',
        typed,
        `${(typed / plain).toFixed(2)}× run as they are (${plain.toFixed(1)} ms)`,
      ),
    ];
  } finally {
    await engine.close();
  }
}
