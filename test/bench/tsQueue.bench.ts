/**
 * A completion the user waits for while every TypeScript editor's linter has asked for diagnostics
 * (a notebook opening, a theme toggle): how long the completion takes behind 15 queued checks of
 * DataFrame cells, against the same completion on an idle checker. The real checker on its worker
 * thread; the ratio is what the user feels as "the list comes late".
 */
import { ambientDeclarations } from '../../kernel/session/ts/ambientDeclarations';
import { CellTypes } from '../../kernel/session/ts/CellTypes';

const ROUNDS = 5;
const QUEUED = 15;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<string[]> {
  const ambient = ambientDeclarations([]);
  const types = new CellTypes(async () => ambient);
  await types.warm();
  const alone: number[] = [];
  const behind: number[] = [];
  const position: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Fresh code each round, so no answer is reused from the round before.
      const code = `const point${round} = { east: 3, north: ${round} };\npoint${round}.`;
      let t = performance.now();
      await types.completions([], code, code.length);
      alone.push(performance.now() - t);

      const order: string[] = [];
      const checks = Array.from({ length: QUEUED }, (_, i) => {
        const df = `df${round}_${i}`;
        const cell = `const ${df} = new dfd.DataFrame([{ a: ${i} }]);\nconst x${i}: string = ${df}.shape[0];\n${df}.head(${i}).describe()`;
        return types.diagnostics([], cell).then(() => order.push('d'));
      });
      t = performance.now();
      const again = code.replace(`north: ${round}`, `north: ${round + 100}`);
      await types.completions([], again, again.length);
      behind.push(performance.now() - t);
      order.push('c');
      await Promise.all(checks);
      position.push(order.indexOf('c') + 1);
    }
  } finally {
    await types.close();
  }
  const a = median(alone);
  const b = median(behind);
  return [
    `| completion (median of ${ROUNDS}) | idle checker (ms) | behind ${QUEUED} queued diagnostics (ms) | behind / idle | answered as |`,
    '|---|---|---|---|---|',
    `| \`point.\` members | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(b / a).toFixed(1)}× | #${median(position)} of ${QUEUED + 1} |`,
  ];
}
