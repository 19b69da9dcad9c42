/**
 * AutoML benchmark: the ten datasets on the peer's seed-0 splits at a budget (default 60 s), scored
 * against the peer's medians in ../shared/bench/RESULTS.md, plus GBDT training throughput against
 * XGBoost hist (Debian python3-xgboost) when it is installed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fitAutoML, loadTable } from '../../kernel/automl';
import { trainSingleModel } from '../../kernel/automl/trainSingleModel';
import { SHARED } from '../helpers/shared';

const BENCH = `${SHARED}/bench`;
const DATA = `${SHARED}/data/tabular`;

/** Options; `npm run bench` passes only `root`, so AUTOML_BENCH_BUDGET / AUTOML_BENCH_DATASETS (comma list) also apply. */
export interface BenchOptions {
  root?: string;
  budgetSeconds?: number;
  /** Dataset names from datasets.tsv; all ten by default. */
  datasets?: string[];
  seed?: number;
  throughput?: boolean;
  log?: (line: string) => void;
}

function peerScores(): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of readFileSync(`${BENCH}/RESULTS.md`, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length > 5 && /^[0-9.]+$/.test(cells[4])) m.set(cells[1], Number(cells[4]));
  }
  return m;
}

export async function run(opts: BenchOptions = {}): Promise<string[]> {
  const budget = opts.budgetSeconds ?? Number(process.env.AUTOML_BENCH_BUDGET ?? 60);
  const only = opts.datasets ?? process.env.AUTOML_BENCH_DATASETS?.split(',');
  // Progress goes to stderr; the returned lines are the result the runner prints.
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const peer = peerScores();
  const rows = readFileSync(`${BENCH}/datasets.tsv`, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  const lines = [
    `| dataset | metric | ours | peer | ours/peer | >= peer | within 2 % | train s | trials | best |`,
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  lines.forEach((l) => log(l));
  let wins = 0,
    within = 0,
    total = 0;
  for (const [name, target, task] of rows) {
    if (only && !only.includes(name)) continue;
    const table = await loadTable(`${DATA}/${name}.csv`);
    const sp = JSON.parse(readFileSync(`${BENCH}/splits/${name}.seed0.split.json`, 'utf8'));
    const r = await fitAutoML(table, {
      target,
      task: task as 'binary',
      budgetSeconds: budget,
      seed: opts.seed ?? 0,
      trainIndex: sp.train_idx,
      testIndex: sp.test_idx,
    });
    const ours = (r.metrics.test as unknown as Record<string, number>)[r.metric];
    const p = peer.get(name) ?? NaN;
    const higher = r.metric === 'roc_auc';
    const win = higher ? ours >= p : ours <= p;
    const ok = higher ? ours >= 0.98 * p : ours <= 1.02 * p;
    wins += win ? 1 : 0;
    within += ok ? 1 : 0;
    total++;
    const line = `| ${name} | ${r.metric} | ${ours.toFixed(4)} | ${p} | ${(ours / p).toFixed(4)} | ${win ? 'yes' : 'no'} | ${ok ? 'yes' : 'no'} | ${r.trainSeconds.toFixed(1)} | ${r.leaderboard.length} | ${r.ensemble.map((e) => e.family).join('+')} |`;
    lines.push(line);
    log(line);
  }
  const summary = `>= peer on ${wins}/${total}, within 2 % on ${within}/${total} (budget ${budget} s)`;
  lines.push(summary);
  log(summary);
  if (opts.throughput !== false)
    for (const l of await gbdtThroughput()) {
      lines.push(l);
      log(l);
    }
  return lines;
}

/**
 * GBDT training throughput on adult's training split, 200 rounds, depth 6, eta 0.1, 1 thread each,
 * against XGBoost `hist`: end to end (ours: profiling, preprocessing, binning; XGBoost: DMatrix
 * construction with its quantile sketch), and boosting alone (ours: minus a 1-round fit).
 * Throughput ratio = XGBoost seconds / our seconds (the target is ≥ 0.5).
 */
async function gbdtThroughput(): Promise<string[]> {
  const table = await loadTable(`${DATA}/adult.csv`);
  const sp = JSON.parse(readFileSync(`${BENCH}/splits/adult.seed0.split.json`, 'utf8'));
  const fit = async (rounds: number) => {
    const t0 = Date.now();
    await trainSingleModel(table, {
      target: 'income',
      task: 'binary',
      family: 'gbdt',
      params: { rounds, learningRate: 0.1, maxDepth: 6 },
      trainIndex: sp.train_idx,
    });
    return (Date.now() - t0) / 1000;
  };
  await fit(1); // warm-up (JIT)
  const prep = await fit(1);
  // Medians of three on both sides, so a burst of load on a shared machine does not decide the ratio.
  const ours = median([await fit(200), await fit(200), await fit(200)]);
  const out = [
    `GBDT throughput, adult train split (${sp.train_idx.length} rows), 200 rounds depth 6, 1 thread: ours ${ours.toFixed(2)} s end to end, ${(ours - prep).toFixed(2)} s boosting`,
  ];
  const py = `
import json,time,pandas as pd,xgboost as xgb
df=pd.read_csv('${DATA}/adult.csv');sp=json.load(open('${BENCH}/splits/adult.seed0.split.json'))
tr=df.iloc[sp['train_idx']];y=(tr['income']=='>50K').astype(int);X=tr.drop(columns=['income'])
for c in X.columns:
  if X[c].dtype==object: X[c]=X[c].astype('category')
runs=[]
for _ in range(3):
  t=time.time();d=xgb.DMatrix(X,y,enable_categorical=True);m=time.time()
  xgb.train({'tree_method':'hist','max_depth':6,'eta':0.1,'objective':'binary:logistic','nthread':1,'max_bin':256},d,200)
  runs.append((time.time()-t, time.time()-m))
runs.sort()
print(*runs[1])`;
  try {
    const [total, boost] = execFileSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split(' ')
      .map(Number);
    out.push(
      `XGBoost hist ${total.toFixed(2)} s end to end, ${boost.toFixed(2)} s boosting; our throughput / XGBoost's = ${(total / ours).toFixed(2)} end to end, ${(boost / (ours - prep)).toFixed(2)} boosting (target >= 0.5)`,
    );
  } catch {
    out.push('XGBoost is not installed for /usr/bin/python3 (Debian python3-xgboost): throughput comparison skipped');
  }
  return out;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}
