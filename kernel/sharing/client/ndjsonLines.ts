import { protocolError } from './SharingError';

/**
 * Yields a streaming body's NDJSON lines as parsed objects, one at a time, without holding the whole
 * response (a 10k-file answer is megabytes).
 */
export async function* ndjsonLines(body: AsyncIterable<Buffer | string>): AsyncGenerator<Record<string, unknown>> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of body) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      if (line.trim()) yield parseLine(line);
    }
  }
  rest += decoder.decode();
  if (rest.trim()) yield parseLine(rest);
}

function parseLine(line: string): Record<string, unknown> {
  try {
    const v = JSON.parse(line) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw protocolError(`the server sent a line that is not a JSON object (${line.slice(0, 80)}…); the response may be truncated`, 'TRUNCATED_RESPONSE', true);
}
