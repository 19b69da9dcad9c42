/**
 * The grid on a 10M-row result (issue #13): time to the first page of a sorted view and of a filtered
 * view (the view request plus its first `result.page`, as the grid asks for them), as a ratio to the
 * first page of the unsorted result, and in ms (the target: a sorted first page under 1 s). Then a
 * deep page of the sorted view (which sorts the whole view once) and a page after that. Last, what
 * masking secrets adds to the biggest page the grid may ask for (10,000 rows), on both ways out: the
 * session's (walk the reply, then IPC's serialization) and the host's (JSON text, then the scan).
 */
import { serialize } from 'node:v8';
import { SecretMask } from '../../common/SecretMask';
import { DuckEngine } from '../../kernel/engine/DuckEngine';

const ROWS = Number(process.env.SILT_GRID_ROWS ?? 10_000_000);
const PAGE = 200;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** The median of a few runs, so one hiccup of a shared machine does not decide the line. */
async function median(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push(await time(fn));
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export async function run(): Promise<string[]> {
  const engine = await DuckEngine.create();
  try {
    const { handle } = await engine.execute(
      `SELECT range AS id, (random() * 1000000)::INTEGER AS amount, 'customer ' || (range % 100000) AS customer,
              DATE '2020-01-01' + (range % 2000)::INTEGER AS day FROM range(${ROWS})`,
    );
    const base = await median(() => engine.page(handle, 0, PAGE));
    const firstPage = async (sort: Parameters<DuckEngine['view']>[1], filters: Parameters<DuckEngine['view']>[2]) => {
      const v = await engine.view(handle, sort, filters);
      return engine.page(v.handle, 0, PAGE);
    };
    const sorted = await median(() => firstPage([{ column: 'amount', desc: true }], []));
    const twoKeys = await median(() =>
      firstPage(
        [
          { column: 'customer', desc: false },
          { column: 'amount', desc: true },
        ],
        [],
      ),
    );
    const filtered = await median(() => firstPage([], [{ column: 'customer', op: 'contains', value: 'customer 99' }]));
    const both = await median(() =>
      firstPage([{ column: 'amount', desc: false }], [{ column: 'amount', op: 'between', value: '1000', value2: '50000' }]),
    );
    const v = await engine.view(handle, [{ column: 'amount', desc: true }], []);
    const deep = await time(() => engine.page(v.handle, Math.floor(ROWS / 2), PAGE));
    const after = await median(() => engine.page(v.handle, Math.floor(ROWS / 3), PAGE));
    const profile = await time(() => engine.profile(handle));
    const big = await engine.page(handle, 0, 10_000);
    const mask = new SecretMask();
    for (const secret of [
      'dapi-0123456789abcdef0123456789',
      'a-client-secret-of-some-length',
      'x7Qp0-host-token-43-characters-long-aaaaaa',
    ])
      mask.add(secret);
    const reply = { replyTo: 1, ok: true, result: big };
    const ipcPlain = await median(async () => serialize(reply), 5);
    const ipcMasked = await median(async () => serialize(mask.value(reply)), 5);
    const framePlain = await median(async () => JSON.stringify(reply), 5);
    const frameMasked = await median(async () => mask.text(JSON.stringify(reply)), 5);
    const line = (label: string, ms: number) =>
      `${label.padEnd(34)} ${(ms / base).toFixed(1).padStart(7)}× unsorted first page, ${ms.toFixed(0)} ms`;
    return [
      `${ROWS.toLocaleString('en-US')} rows; unsorted first page: ${base.toFixed(1)} ms`,
      line('sorted first page (1 key)', sorted),
      line('sorted first page (2 keys)', twoKeys),
      line('filtered first page (contains)', filtered),
      line('filtered + sorted first page', both),
      line('deep page of a sorted view (1st)', deep),
      line('deep page of a sorted view (then)', after),
      line('column profile (4 columns)', profile),
      `secrets masked, 10,000-row page: session ${(ipcMasked / ipcPlain).toFixed(2)}× its IPC serialization alone, ` +
        `host ${(frameMasked / framePlain).toFixed(2)}× its JSON frame alone (3 secrets)`,
    ];
  } finally {
    await engine.close();
  }
}
