/**
 * The first TypeScript cells of a session, as a user meets them: the notebook is open, its session
 * started and has been idle a moment (the user reads, types), then the first cell runs. Cold is a
 * session that does not warm up (SILT_WARM=0), warmed is the default, which loads the transpiler, the
 * type checker and danfojs once the session is ready and quiet. Both through the real host and
 * session processes. Target (issue #13): a first `1 + 1` in under 1 s.
 */
import { ProtocolClient, startHost } from '../helpers/startHost';

const SESSIONS = 3;
/** How long the session sits idle between opening and its first cell (the user reading, typing). */
const IDLE_MS = 12_000;

interface FirstCells {
  plain: number;
  frame: number;
}

async function firstCells(warm: boolean): Promise<FirstCells[]> {
  const host = await startHost([], { env: { SILT_WARM: warm ? '1' : '0' } });
  const client = await ProtocolClient.connect(host);
  const out: FirstCells[] = [];
  try {
    for (let i = 0; i < SESSIONS; i++) {
      const { sessionId } = await client.request('session.open', { key: `bench-${warm}-${i}` });
      let n = 0;
      const cell = (language: 'sql' | 'typescript', code: string) =>
        client.request('execute', { sessionId, runId: `r${++n}`, cellId: `c${n}`, language, code });
      await cell('sql', 'SELECT 1'); // the session is up and has answered
      await new Promise((r) => setTimeout(r, IDLE_MS));
      const timed = async (code: string) => {
        const t = performance.now();
        const r = await cell('typescript', code);
        if (r.status !== 'ok') throw new Error(`bench cell failed: ${JSON.stringify(r.outputs)}`);
        return performance.now() - t;
      };
      const plain = await timed('1 + 1');
      const frame = await timed('const df = await sql`SELECT 42 AS answer`;\ndf.shape[0]');
      out.push({ plain, frame });
      await client.request('session.close', { sessionId });
    }
  } finally {
    client.close();
    await host.stop();
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<string[]> {
  const cold = await firstCells(false);
  const warmed = await firstCells(true);
  const lines = [
    `| first cell of a session (median of ${SESSIONS}) | cold (ms) | warmed (ms) | cold / warmed | target |`,
    '|---|---|---|---|---|',
  ];
  for (const [label, key] of [
    ['`1 + 1`', 'plain'],
    ['first DataFrame (`await sql` + danfojs)', 'frame'],
  ] as const) {
    const c = median(cold.map((x) => x[key]));
    const w = median(warmed.map((x) => x[key]));
    const target = key === 'plain' ? `< 1 s warmed (${w < 1000 ? 'met' : 'missed'})` : '–';
    lines.push(`| ${label} | ${c.toFixed(0)} | ${w.toFixed(0)} | ${(c / w).toFixed(1)}× | ${target} |`);
  }
  return lines;
}
