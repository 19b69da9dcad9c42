import { formatCapabilities, parseCapabilities, type Capabilities, type ResponseFormat } from '../capabilities';
import { protocolError } from './SharingError';

export type { ResponseFormat };

/** Reader features the client implements end to end (checklist 32): advertise nothing more. */
export const READER_FEATURES = ['deletionvectors', 'columnmapping', 'timestampntz'];

/**
 * The `delta-sharing-capabilities` request header (checklist 29): lowercase `key=v1,v2;key2=v`,
 * reader features only alongside the delta format.
 */
export function capabilitiesHeader(formats: ResponseFormat[] = ['delta', 'parquet'], asyncQuery = false): string {
  return formatCapabilities({ responseFormat: formats, readerFeatures: READER_FEATURES, includeEndStreamAction: true, asyncQuery });
}

export function responseCapabilities(header: string | string[] | undefined): Capabilities {
  return parseCapabilities(Array.isArray(header) ? header.join(';') : header);
}

/**
 * The format the server chose (checklist 30–31): absent ⇒ parquet; delta when we did not ask for it
 * is a protocol violation.
 */
export function respondedFormat(caps: Capabilities, requested: ResponseFormat[]): ResponseFormat {
  const got = caps.responseFormat[0] ?? 'parquet';
  if (!requested.includes(got)) {
    throw protocolError(`the server answered in ${got} format although only ${requested.join(',')} was requested`);
  }
  return got;
}
