import type { DeltaMetadata, DeltaProtocol } from '../../delta';
import type { Capabilities, ResponseFormat } from '../capabilities';
import { SharingHttpError } from './SharingHttpError';

/**
 * Table features a reader must apply to get correct rows, as named in `readerfeatures`. A
 * parquet-format client cannot apply any of them: it would return deleted rows or wrong columns.
 */
export function requiredReaderFeatures(protocol: DeltaProtocol, metadata: DeltaMetadata): string[] {
  const out: string[] = [];
  if ((protocol.readerFeatures ?? []).includes('deletionVectors')) out.push('deletionvectors');
  const mode = metadata.configuration['delta.columnMapping.mode'];
  if (mode === 'name' || mode === 'id') out.push('columnmapping');
  return out;
}

/**
 * Picks the answer's format (§Delta Sharing Capabilities Header): a single requested format is
 * honoured or refused; with both, delta only when the table needs it.
 */
export function chooseResponseFormat(caps: Capabilities, protocol: DeltaProtocol, metadata: DeltaMetadata, table: string): ResponseFormat {
  const needed = requiredReaderFeatures(protocol, metadata);
  const accepts = caps.responseFormat.length ? caps.responseFormat : ['parquet'];
  if (!accepts.includes('delta') || (accepts.includes('parquet') && needed.length === 0)) {
    if (needed.length > 0) {
      throw new SharingHttpError(
        400,
        'UNSUPPORTED_OPERATION',
        `table ${table} uses ${needed.join(' and ')}, which the parquet response format cannot express; ` +
          'ask for responseformat=delta with these readerfeatures',
      );
    }
    return 'parquet';
  }
  const missing = needed.filter((f) => !caps.readerFeatures.includes(f));
  if (missing.length > 0) {
    throw new SharingHttpError(
      400,
      'UNSUPPORTED_OPERATION',
      `table ${table} uses reader features the client did not declare in readerfeatures: ${missing.join(', ')}`,
    );
  }
  return 'delta';
}
