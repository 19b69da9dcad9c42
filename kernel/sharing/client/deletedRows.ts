import { readFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { decodeDeletionVectorPayload } from '../../delta/deletionVector';
import type { DeletionVectorDescriptor } from '../../delta/types';
import { z85Decode } from '../../delta/z85';
import type { SharingClient } from './SharingClient';
import { SharingError } from './SharingError';
import type { SharedFile } from './types';

/**
 * Row indexes a file's deletion vector removes (checklist 35). Inline ('i') vectors are Z85 text;
 * 'p' vectors are a pre-signed URL to a DV file, read at `offset`: 4-byte BE length, payload,
 * 4-byte BE CRC32. DV files are cached by `deletionVectorFileId` like data files.
 */
export async function deletedRows(client: SharingClient, file: SharedFile, signal?: AbortSignal): Promise<number[]> {
  const dv = file.deletionVector;
  if (!dv) return [];
  if (dv.storageType === 'i') return decodeDeletionVectorPayload(z85Decode(dv.pathOrInlineDv).subarray(0, dv.sizeInBytes));
  if (dv.storageType !== 'p') {
    throw new SharingError(
      `file ${file.id} has a deletion vector stored as "${dv.storageType}", which a sharing server must not send`,
      0,
      'PROTOCOL_ERROR',
      false,
    );
  }
  const cache = client.fileCache();
  const id = `dv:${file.deletionVectorFileId ?? `${file.id}:${dv.offset ?? 1}`}`;
  let path = await cache.lookup(id);
  if (!path) {
    path = cache.pathFor(id);
    await client.download({ ...file, id, url: dv.pathOrInlineDv, size: 0, deletionVector: undefined }, path, { signal });
  }
  return framePayload(await readFile(path), dv, file.id);
}

function framePayload(bytes: Buffer, dv: DeletionVectorDescriptor, fileId: string): number[] {
  const offset = dv.offset ?? 1;
  const bad = (why: string) => new SharingError(`the deletion vector of file ${fileId} ${why}`, 0, 'BAD_DELETION_VECTOR', false);
  if (bytes.length < offset + 8) throw bad('is truncated');
  const size = bytes.readUInt32BE(offset);
  if (size !== dv.sizeInBytes) throw bad(`has size ${size}, expected ${dv.sizeInBytes}`);
  const payload = bytes.subarray(offset + 4, offset + 4 + size);
  if (bytes.length < offset + 8 + size || crc32(payload) !== bytes.readUInt32BE(offset + 4 + size)) throw bad('fails its CRC check');
  return decodeDeletionVectorPayload(payload);
}
