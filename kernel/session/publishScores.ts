/**
 * Appends a scoring's predictions to a table of the host's publishing share, one Delta version per
 * call, so a scoring cell that re-runs on each new version of a live table leaves BI tools one batch
 * per version, told apart by `model_id` and `scored_at`. Columns are cast to the types scoring fixed
 * (numbers always DOUBLE): inferred types could differ between batches and break the append.
 */
import { quoteIdent } from '../../common/sqlQuote';
import type { ScoreResult } from '../automl/scoring';
import type { DuckEngine } from '../engine/DuckEngine';
import { publishResult } from '../publish/publishResult';
import { publishTargetFromEnv, type PublishTarget } from '../publish/PublishTarget';
import { PUBLISH_SCHEMA, PUBLISH_SHARE, publishedDir } from '../publish/startPublishingServer';
import type { PublishResult } from '../protocol/dataExport';

export async function publishScores(engine: DuckEngine, name: string, s: ScoreResult): Promise<PublishResult | null> {
  // Nothing to append (an empty version); a first batch of no rows could not even fix the schema.
  if (s.rows.length === 0) return null;
  const staging = `__silt_scores_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  await engine.registerObjects(staging, s.rows);
  let handle: string | null = null;
  try {
    const select = s.columns.map((c) => `CAST(${quoteIdent(c.name)} AS ${c.type}) AS ${quoteIdent(c.name)}`).join(', ');
    handle = (await engine.execute(`SELECT ${select} FROM ${quoteIdent(staging)}`)).handle;
    return await publishResult(engine, publishTargetFromEnv(process.env) ?? workspaceTarget(), { handle, name, mode: 'append' });
  } finally {
    if (handle) await engine.forget(handle);
    await engine.connection.run(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
  }
}

/**
 * A headless run hands sessions a target only with --publish; a notebook that publishes its scores
 * itself writes to the same folder, the workspace's published tables that `silt serve` serves.
 */
function workspaceTarget(): PublishTarget | null {
  const workspace = process.env.SILT_WORKSPACE;
  return workspace ? { dir: publishedDir(workspace), share: PUBLISH_SHARE, schema: PUBLISH_SCHEMA, endpoint: '', profilePath: '' } : null;
}
