/** Publishes a result the session holds as a table of the host's publishing share. */
import { isPlainIdentifier } from '../../common/sqlQuote';
import { chmod, copyFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { DuckEngine } from '../engine/DuckEngine';
import { ExportError } from '../export/ExportError';
import { writeError } from '../fs/writeError';
import { describeTable } from '../export/readChunks';
import { resultTable } from '../export/resultTable';
import type { PublishMode, PublishResult } from '../protocol/dataExport';
import { nameProblem } from '../../common/tableName';
import { deltaFields, publishSelect } from './deltaSchema';
import type { PublishTarget } from './PublishTarget';
import { writePublishedTable } from './writePublishedTable';

const NO_SERVER =
  'This Silt host runs no publishing server (headless `silt run` does not), so there is nowhere to publish to. Open the notebook in the app or `silt serve` to publish.';

export async function publishResult(
  engine: DuckEngine,
  target: PublishTarget | null,
  req: { handle: string; name: string; mode: PublishMode },
): Promise<PublishResult> {
  if (!target) throw new ExportError(NO_SERVER, 'unavailable');
  if (req.mode !== 'append' && req.mode !== 'replace')
    throw new ExportError(`Publish mode must be "append" or "replace", not "${req.mode}".`, 'bad-request');
  const name = req.name.trim();
  // Stricter than the protocol's rule: the name is also a folder and a SQL identifier in BI tools.
  if (!isPlainIdentifier(name) || nameProblem('table', name)) {
    throw new ExportError(
      `"${req.name}" cannot name a published table: use letters, digits and _ and start with a letter or _.`,
      'bad-request',
    );
  }
  // A connection of its own, so publishing does not wait for the user's running cell.
  const conn = await engine.connect();
  let source, version;
  try {
    source = await resultTable(engine, req.handle, conn);
    const columns = await describeTable(conn, source.table);
    version = await writePublishedTable(conn, {
      root: join(target.dir, name.toLowerCase()),
      fields: deltaFields(columns),
      selectSql: publishSelect(source.table, columns),
      mode: req.mode,
    });
  } finally {
    conn.closeSync();
  }
  return {
    share: target.share,
    schema: target.schema,
    table: name.toLowerCase(),
    version,
    profilePath: target.profilePath,
    endpoint: target.endpoint,
    rows: source.rowCount,
  };
}

/** Copies the recipient profile where the user wants it, readable only by them (it holds the token). */
export async function saveProfile(target: PublishTarget | null, workspace: string, to: string): Promise<string> {
  if (!target) throw new ExportError(NO_SERVER, 'unavailable');
  if (to.trim() === '') throw new ExportError('Give a file to save the profile to.', 'bad-request');
  const dest = isAbsolute(to) ? to : resolve(workspace, to);
  try {
    await copyFile(target.profilePath, dest);
    await chmod(dest, 0o600);
  } catch (e) {
    throw writeError(e, dest);
  }
  return dest;
}
