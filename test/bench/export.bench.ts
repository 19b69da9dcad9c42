/**
 * Streamed exports of a 10M-row result (issue #7): time per format against DuckDB's own COPY of the
 * same table to Parquet, and the peak growth of this process's RSS while each export runs (the
 * result itself already sits in DuckDB; a streamed export should add tens of MB, not the result's size).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckEngine } from '../../kernel/engine/DuckEngine';
import { exportResult } from '../../kernel/export/exportResult';
import type { ExportFormat } from '../../kernel/protocol/dataExport';

const ROWS = Number(process.env.SILT_EXPORT_ROWS ?? 10_000_000);

async function measure(fn: () => Promise<unknown>): Promise<{ ms: number; peakMb: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t = performance.now();
  await fn();
  const ms = performance.now() - t;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, peakMb: (peak - base) / 1e6 };
}

export async function run(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'silt-export-bench-'));
  const engine = await DuckEngine.create();
  try {
    const { handle } = await engine.execute(
      `SELECT range AS id, 'customer ' || (range % 100000) AS customer, (range % 10000) / 100.0 AS amount, DATE '2020-01-01' + (range % 2000)::INTEGER AS day FROM range(${ROWS})`,
    );
    const raw = await measure(() => engine.connection.run(`COPY "${handle}" TO '${join(dir, 'raw.parquet')}' (FORMAT parquet)`));
    const lines = [`${ROWS.toLocaleString('en-US')} rows; raw DuckDB COPY to Parquet: ${raw.ms.toFixed(0)} ms`];
    for (const format of ['csv', 'parquet', 'jsonl', 'arrow'] as ExportFormat[]) {
      const m = await measure(() => exportResult(engine, { handle, format, path: `out.${format}`, workspace: dir, onProgress: () => {} }));
      lines.push(`${format.padEnd(8)} ${(m.ms / raw.ms).toFixed(2)}× raw COPY time, peak RSS +${m.peakMb.toFixed(0)} MB`);
    }
    return lines;
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
