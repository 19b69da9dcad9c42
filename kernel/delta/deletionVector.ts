import { open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { decodeRoaring64 } from './roaring';
import type { DeletionVectorDescriptor } from './types';
import { resolveLogPath } from './paths';
import { z85Decode } from './z85';

const DV_MAGIC = 1681511377;

/** The deleted row indexes (ascending) a deletion vector descriptor points at. */
export async function readDeletionVector(tableRoot: string, dv: DeletionVectorDescriptor): Promise<number[]> {
  if (dv.storageType === 'i') {
    const bytes = z85Decode(dv.pathOrInlineDv).subarray(0, dv.sizeInBytes);
    return decodeDeletionVectorPayload(bytes);
  }
  const file = dvFilePath(tableRoot, dv);
  const offset = dv.offset ?? 1;
  const handle = await open(file, 'r');
  try {
    const frame = Buffer.alloc(4 + dv.sizeInBytes + 4);
    const { bytesRead } = await handle.read(frame, 0, frame.length, offset);
    if (bytesRead !== frame.length) throw new Error(`deletion vector file ${file} is truncated`);
    const size = frame.readUInt32BE(0);
    if (size !== dv.sizeInBytes) throw new Error(`deletion vector in ${file} has size ${size}, log says ${dv.sizeInBytes}`);
    const payload = frame.subarray(4, 4 + size);
    if (crc32(payload) !== frame.readUInt32BE(4 + size)) throw new Error(`deletion vector in ${file} fails its CRC check`);
    return decodeDeletionVectorPayload(payload);
  } finally {
    await handle.close();
  }
}

/** A serialized deletion vector: little-endian magic, then a portable 64-bit Roaring bitmap. */
export function decodeDeletionVectorPayload(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  if (magic !== DV_MAGIC) throw new Error(`not a deletion vector (magic ${magic})`);
  return decodeRoaring64(bytes.subarray(4));
}

/** 'u': a random prefix folder plus a Z85-encoded UUID naming `deletion_vector_<uuid>.bin`; 'p': a path. */
export function dvFilePath(tableRoot: string, dv: DeletionVectorDescriptor): string {
  if (dv.storageType === 'p') return resolveLogPath(tableRoot, dv.pathOrInlineDv);
  const encoded = dv.pathOrInlineDv;
  const prefix = encoded.slice(0, encoded.length - 20);
  const uuidHex = Buffer.from(z85Decode(encoded.slice(-20))).toString('hex');
  const uuid = `${uuidHex.slice(0, 8)}-${uuidHex.slice(8, 12)}-${uuidHex.slice(12, 16)}-${uuidHex.slice(16, 20)}-${uuidHex.slice(20)}`;
  return join(tableRoot, prefix, `deletion_vector_${uuid}.bin`);
}
