// The kernel's layer order (ARCHITECTURE.md, "Who may import whom"), top to bottom. A folder may
// import its own files and any folder on a LOWER row, never one on its own row or above: the rows
// keep processes from reaching into their parents (a session never imports the host), and peers on
// one row independent of each other (charts does not know about export). Type-only imports count.
// A new kernel folder must be added here, on the row its imports put it.
export const KERNEL_LAYERS = [
  // entry points: `silt serve | run | share | automl` (kernel/cli.ts and kernel/cli/)
  ['kernel/cli'],
  // headless runs: drives a session through the host's SessionProcess
  ['kernel/run'],
  // the host process: HTTP + WebSocket, notebook store, profiles, spawns sessions
  ['kernel/host'],
  // one session process per notebook: cells, shared and live tables, the session side of features
  ['kernel/session'],
  // features built on the rows below
  ['kernel/automl', 'kernel/publish', 'kernel/report', 'kernel/demo', 'kernel/quality'],
  // features the row above builds on: automl draws with charts, publish writes with export and
  // serves with sharing, demo serves its tables with sharing
  ['kernel/charts', 'kernel/export', 'kernel/sharing'],
  // foundations: DuckDB, the Delta log, .ipynb files
  ['kernel/engine', 'kernel/delta', 'kernel/notebook'],
  // files written safely (atomic writes, one wording for write errors), and outbound connections
  // (proxies, trusted CAs), used by every row above
  ['kernel/fs', 'kernel/net'],
  // the contract between renderer, host and sessions
  ['kernel/protocol'],
  // pure code every part may import (see common/README.md)
  ['common'],
];

const rowOf = new Map(KERNEL_LAYERS.flatMap((row, i) => row.map((unit) => [unit, i])));

/** The layer unit a file belongs to (`kernel/<folder>` or `common`), or null outside them. */
export function layerUnit(file) {
  const parts = file.split('/');
  if (parts[0] === 'common') return 'common';
  if (parts[0] !== 'kernel' || parts.length < 2) return null;
  // A file beside the folders (kernel/cli.ts) belongs with the folder of its name (kernel/cli/).
  return `kernel/${parts[1].replace(/\.tsx?$/, '')}`;
}

/** One message per import that breaks the order, or per kernel folder missing from the table. */
export function layerProblems(graph) {
  const problems = [];
  const unplaced = new Set();
  for (const [from, edges] of graph) {
    const a = layerUnit(from);
    if (!a) continue;
    if (!rowOf.has(a)) {
      unplaced.add(a);
      continue;
    }
    for (const { to, typeOnly } of edges) {
      const b = layerUnit(to);
      if (!b || b === a || !rowOf.has(b)) continue;
      const [ra, rb] = [rowOf.get(a), rowOf.get(b)];
      if (rb > ra) continue;
      const why = rb === ra ? `${a} and ${b} are peers on one row` : `${b} is above ${a}`;
      problems.push(`${from} imports ${to}${typeOnly ? ' (type-only)' : ''}: ${why}`);
    }
  }
  for (const unit of unplaced) {
    problems.push(`${unit} is not in the layer table; add it to scripts/lint/kernelLayers.mjs on its row`);
  }
  return problems;
}
