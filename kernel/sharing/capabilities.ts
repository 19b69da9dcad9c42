/** The response formats of §API Response Actions: parquet (simple) or delta (original Delta actions). */
export type ResponseFormat = 'parquet' | 'delta';

/** The parsed `delta-sharing-capabilities` header (§Delta Sharing Capabilities Header). */
export interface Capabilities {
  /** In the client's order of preference; empty when not sent (which means parquet). */
  responseFormat: ResponseFormat[];
  /** Lowercased Delta reader features the client can apply, e.g. `deletionvectors`. */
  readerFeatures: string[];
  includeEndStreamAction: boolean;
  asyncQuery: boolean;
}

export const CAPABILITIES_HEADER = 'delta-sharing-capabilities';

/** Parses `key=v1,v2;key2=v`, case-insensitively. Unknown keys and formats are ignored. */
export function parseCapabilities(header: string | undefined | null): Capabilities {
  const caps: Capabilities = { responseFormat: [], readerFeatures: [], includeEndStreamAction: false, asyncQuery: false };
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const values = part
      .slice(eq + 1)
      .split(',')
      .map((v) => v.trim().toLowerCase())
      .filter((v) => v.length > 0);
    if (key === 'responseformat') caps.responseFormat = values.filter((v): v is ResponseFormat => v === 'parquet' || v === 'delta');
    else if (key === 'readerfeatures') caps.readerFeatures = values;
    else if (key === 'includeendstreamaction') caps.includeEndStreamAction = values[0] === 'true';
    else if (key === 'asyncquery') caps.asyncQuery = values[0] === 'true';
  }
  return caps;
}

/** Formats capabilities as clients send them and servers echo them (lowercase, `;`-separated). */
export function formatCapabilities(caps: Partial<Capabilities>): string {
  const parts: string[] = [];
  if (caps.responseFormat?.length) parts.push(`responseformat=${caps.responseFormat.join(',')}`);
  // Reader features only mean something for the delta format.
  if (caps.readerFeatures?.length && caps.responseFormat?.includes('delta')) parts.push(`readerfeatures=${caps.readerFeatures.join(',')}`);
  if (caps.includeEndStreamAction) parts.push('includeendstreamaction=true');
  if (caps.asyncQuery) parts.push('asyncquery=true');
  return parts.join(';');
}
