/**
 * Writes chunks as an Arrow IPC file (Feather v2, what pyarrow, Polars and DuckDB open), one record
 * batch per chunk, flushing each batch to disk before reading the next: memory holds one chunk.
 */
import { open } from 'node:fs/promises';
import { RecordBatchFileWriter } from 'apache-arrow';
import type { PlannedColumn } from './columnPlan';
import { arrowSchema, recordBatch } from './arrowBatch';
import { ExportCancelled } from './ExportError';
import type { Chunk } from './readChunks';

/** Exposes how many bytes the writer produced, so the writer waits for the disk to catch up. */
class CountingWriter extends RecordBatchFileWriter {
  get produced(): number {
    return this._position;
  }
}

export async function writeArrowFile(
  path: string,
  plan: PlannedColumn[],
  chunks: AsyncIterable<Chunk>,
  onRows: (rows: number) => void,
): Promise<void> {
  const schema = arrowSchema(plan);
  const writer = new CountingWriter();
  const file = await open(path, 'w');
  // Bytes on disk so far, a disk error if one happened, and who waits for either.
  const disk: { consumed: number; failure: unknown; wake: (() => void) | null } = { consumed: 0, failure: null, wake: null };
  const drain = (async () => {
    for await (const buf of writer) {
      await file.write(buf);
      disk.consumed += buf.byteLength;
      disk.wake?.();
    }
  })();
  // A failed disk write must stop the producer, not leave it waiting for bytes that never drain.
  drain.catch((e: unknown) => {
    disk.failure = e ?? new Error('write failed');
    disk.wake?.();
  });
  try {
    writer.reset(undefined, schema);
    let rows = 0;
    for await (const chunk of chunks) {
      writer.write(recordBatch(schema, plan, chunk));
      while (disk.consumed < writer.produced && disk.failure === null) await new Promise<void>((r) => (disk.wake = r));
      if (disk.failure !== null) throw disk.failure;
      rows += chunk.length;
      onRows(rows);
    }
    writer.finish();
    await drain;
  } catch (e) {
    try {
      writer.abort(e);
    } catch {
      // The failed drain already closed the writer's queue.
    }
    await drain.catch(() => {});
    // When the disk failed first, the writer's own "closed" error is only a consequence of it.
    throw e instanceof ExportCancelled ? e : (disk.failure ?? e);
  } finally {
    await file.close();
  }
}
