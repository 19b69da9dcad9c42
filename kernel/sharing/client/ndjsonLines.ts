import { protocolError } from './SharingError';

/**
 * Yields a streaming body's NDJSON lines as parsed objects, one at a time, without holding the whole
 * response (a 10k-file answer is megabytes).
 */
export async function* ndjsonLines(body: AsyncIterable<Buffer | string>): AsyncGenerator<Record<string, unknown>> {
  const decoder = new TextDecoder();
  let rest = '';
  let lineNo = 0;
  for await (const chunk of body) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      lineNo++;
      if (line.trim()) yield parseLine(line, lineNo);
    }
  }
  rest += decoder.decode();
  if (rest.trim()) yield parseLine(rest, lineNo + 1);
}

/**
 * A line as an object. The line itself is never quoted in the error: it may hold a pre-signed URL,
 * whose query string is a credential.
 */
function parseLine(line: string, lineNo: number): Record<string, unknown> {
  try {
    const v = JSON.parse(line) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  const why = `line ${lineNo} of the server's answer is not a JSON object (${line.length} characters)`;
  throw protocolError(`${why}; the response may be truncated`, 'TRUNCATED_RESPONSE', true);
}
