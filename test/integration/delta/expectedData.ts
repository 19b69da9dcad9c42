import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeltaSnapshot } from '../../../kernel/delta';
import { SHARED } from '../../helpers/shared';

/** The shared Spark/delta-rs/kernel-written tables and the figures an independent replay derived. */
export const DATA = `${SHARED}/data/delta`;
export const expectedTables: Record<string, any> = JSON.parse(readFileSync(join(DATA, 'expected.json'), 'utf8')).tables;

/** expected.json's `filesSha256` convention, computed independently of the reader's own path handling. */
export function filesSha256(snapshot: DeltaSnapshot): string {
  const lines = snapshot.files.map((f) => {
    const dv = f.deletionVector;
    const id = dv ? `${dv.storageType}${dv.pathOrInlineDv}${dv.offset == null ? '' : `@${dv.offset}`}` : '';
    return `${decodeURIComponent(f.path)}\t${id}`;
  });
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}
