/**
 * What knowing the user's transaction from the statements run (UserTransaction) saves: N tiny SELECT
 * cells, as the engine runs them now (no question about transactions outside one), against the old
 * way, played by the same engine in the same process: the two `SELECT txid_current()` questions the
 * engine asked before every SELECT cell, then the cell. Alternated in rounds, median of each, so a
 * busy moment of a shared machine weighs on both alike. Inside an open transaction too, where the old
 * way asked the same two questions and the new one asks none.
 */
import { DuckEngine } from '../../kernel/engine/DuckEngine';

const CELLS = Number(process.env.SILT_TXN_CELLS ?? 200);
const ROUNDS = 5;

export async function run(): Promise<string[]> {
  const engine = await DuckEngine.create();
  try {
    await engine.execute('CREATE TABLE prices AS SELECT range AS id, range * 10 AS price FROM range(1000)');
    const cell = (i: number) => `SELECT ${i} AS i, price FROM prices WHERE id = ${i % 1000}`;
    const askOld = async () => {
      for (let k = 0; k < 2; k++) await engine.connection.runAndReadAll('SELECT txid_current()');
    };
    const cells = (old: boolean) => async () => {
      const t = performance.now();
      for (let i = 0; i < CELLS; i++) {
        if (old) await askOld();
        await engine.execute(cell(i));
      }
      return performance.now() - t;
    };
    const measure = async (): Promise<{ old: number; now: number }> => {
      const old: number[] = [];
      const now: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        old.push(await cells(true)());
        now.push(await cells(false)());
      }
      const median = (ms: number[]) => ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
      return { old: median(old), now: median(now) };
    };
    const outside = await measure();
    await engine.execute('BEGIN');
    const inside = await measure();
    await engine.execute('ROLLBACK');
    const line = (label: string, m: { old: number; now: number }) =>
      `${label.padEnd(44)} ${m.now.toFixed(1).padStart(8)} ms  ${(m.now / m.old).toFixed(2)}× the old way (${m.old.toFixed(1)} ms, ` +
      `${((m.old - m.now) / CELLS).toFixed(3)} ms less a cell)`;
    return [
      `${CELLS} tiny SELECT cells, median of ${ROUNDS} rounds; old way: two txid_current() questions before each`,
      line('outside a transaction', outside),
      line('inside an open transaction (BEGIN)', inside),
    ];
  } finally {
    await engine.close();
  }
}
