import { DeltaTableError } from './errors';
import type { DeltaProtocol } from './types';

/** Reader features this reader implements completely; anything else could silently return wrong rows. */
const SUPPORTED_READER_FEATURES = new Set([
  'columnMapping',
  'deletionVectors',
  'timestampNtz',
  'typeWidening',
  'typeWidening-preview',
  'v2Checkpoint',
  'vacuumProtocolCheck',
  'variantType',
  'variantType-preview',
]);

export function assertReadable(table: string, protocol: DeltaProtocol): void {
  const v = protocol.minReaderVersion;
  if (!Number.isInteger(v) || v < 1 || v > 3) {
    throw new DeltaTableError(table, `unsupported minReaderVersion ${v} (this reader supports 1 to 3)`, 'unsupported');
  }
  if (v === 3) {
    const missing = (protocol.readerFeatures ?? []).filter((f) => !SUPPORTED_READER_FEATURES.has(f));
    if (missing.length > 0) {
      throw new DeltaTableError(table, `unsupported reader feature(s): ${missing.join(', ')}`, 'unsupported');
    }
  }
}
