/**
 * Files an engine writes for DuckDB to read (rows from TypeScript, as NDJSON, so DuckDB infers their
 * column types), in a folder of its own made on first use and removed with the engine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class ScratchFiles {
  private dir: string | null = null;
  private counter = 0;

  /** Runs `fn` with a file holding `rows` one JSON object a line (BIGINT as text); the file is gone after. */
  async withObjects<T>(rows: Record<string, unknown>[], fn: (file: string) => Promise<T>): Promise<T> {
    this.dir ??= mkdtempSync(join(tmpdir(), 'silt-engine-'));
    const file = join(this.dir, `${++this.counter}.ndjson`);
    writeFileSync(file, rows.map((r) => JSON.stringify(r, jsonSafe)).join('\n'));
    try {
      return await fn(file);
    } finally {
      rmSync(file, { force: true });
    }
  }

  remove(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
