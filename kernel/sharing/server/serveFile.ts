import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { SharingHttpError } from './SharingHttpError';

/** A byte range, both ends inclusive. */
interface ByteRange {
  start: number;
  end: number;
}

/**
 * Streams a local file, honouring a single `Range: bytes=…` (Spark and DuckDB read Parquet footers
 * and column chunks by range). Multi-range requests get the whole file, which HTTP allows.
 */
export async function serveFile(req: IncomingMessage, res: ServerResponse, absolutePath: string): Promise<void> {
  let size: number;
  try {
    const info = await stat(absolutePath);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new SharingHttpError(404, 'RESOURCE_DOES_NOT_EXIST', 'the file no longer exists (the table may have been vacuumed)');
  }
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${size}`, 'Content-Length': 0 });
    res.end();
    return;
  }
  const headers: Record<string, string | number> = { 'Accept-Ranges': 'bytes', 'Content-Type': 'application/octet-stream' };
  if (range) {
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
    headers['Content-Length'] = range.end - range.start + 1;
  } else headers['Content-Length'] = size;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || size === 0 || (range && range.end < range.start)) {
    res.end();
    return;
  }
  await pipeline(createReadStream(absolutePath, range ? { start: range.start, end: range.end } : {}), res).catch(() => {
    // A client that stops reading mid-file (range readers often do) is not a server error.
  });
}

function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
