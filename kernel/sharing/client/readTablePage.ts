import { respondedFormat, responseCapabilities, type ResponseFormat } from './capabilities';
import type { Response } from './HttpCore';
import { ndjsonLines } from './ndjsonLines';
import { assertReadableProtocol, parseResponseLine } from './responseActions';
import { protocolError, redact, SharingError } from './SharingError';
import type { EndStreamAction, SharedFile, SharedMetadata, SharedProtocol } from './types';

export interface TablePage {
  version: number;
  format: ResponseFormat;
  protocol?: SharedProtocol;
  metadata: SharedMetadata[];
  files: SharedFile[];
  end?: EndStreamAction;
  queryStatus?: { queryId: string; status: string; message?: string };
}

/** The Delta-Table-Version header (checklist 12): required, case-insensitive (undici lowercases). */
export function tableVersionHeader(res: Response, what: string): number {
  const raw = res.headers['delta-table-version'];
  const v = Number(Array.isArray(raw) ? raw[0] : raw);
  if (raw === undefined || !Number.isInteger(v) || v < 0) {
    throw protocolError(`${what}: the server's answer has no valid Delta-Table-Version header`);
  }
  return v;
}

/**
 * Reads one NDJSON answer of /query, /changes or /metadata as it streams. Checks the chosen format
 * (30–31), the protocol (18, 33), EndStreamAction presence when promised (51) and its errorMessage (52).
 */
export async function readTablePage(res: Response, requested: ResponseFormat[], table: string, what: string): Promise<TablePage> {
  const caps = responseCapabilities(res.headers['delta-sharing-capabilities']);
  const format = respondedFormat(caps, requested);
  const page: TablePage = { version: tableVersionHeader(res, what), format, metadata: [], files: [] };
  let last: string | undefined;
  // Checklist 27: after protocol and metaData, lines may come in any order; each is kept by its type.
  for await (const raw of ndjsonLines(res.body)) {
    const line = parseResponseLine(raw, format);
    last = line.type;
    switch (line.type) {
      case 'protocol':
        assertReadableProtocol(line.protocol, format, table);
        page.protocol ??= line.protocol;
        break;
      case 'metaData':
        page.metadata.push(line.metadata);
        break;
      case 'file':
        page.files.push(line.file);
        break;
      case 'endStreamAction':
        page.end = line.end;
        if (line.end.errorMessage) {
          const status = Number(line.end.httpStatusErrorCode ?? 0);
          throw new SharingError(
            `${what} failed on the server after it started answering: ${redact(line.end.errorMessage)}`,
            status,
            'END_STREAM_ERROR',
            status === 429 || status >= 500,
          );
        }
        break;
      case 'queryStatus':
        page.queryStatus = line;
        break;
    }
  }
  if (caps.includeEndStreamAction && !page.queryStatus && last !== 'endStreamAction') {
    throw new SharingError(
      `${what}: the server's answer ended early (no EndStreamAction); the connection was probably cut`,
      0,
      'TRUNCATED_RESPONSE',
      true,
    );
  }
  return page;
}
