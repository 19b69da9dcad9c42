import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { nameProblem } from '../../../common/tableName';
import type { SchemaConfig, TableConfig } from './config';

/**
 * A schema's tables as of now: the configured ones, plus, when the schema names a `directory`, every
 * Delta table folder in it (named after the folder). Read per request, so tables that appear while
 * the server runs (published from a notebook) are served without a restart.
 */
export function schemaTables(schema: SchemaConfig): TableConfig[] {
  if (!schema.directory) return schema.tables;
  const configured = new Set(schema.tables.map((t) => t.name.toLowerCase()));
  const found: TableConfig[] = [];
  for (const entry of listDir(schema.directory)) {
    // Dot folders are tables still being written (or other tools' state), never shared.
    if (!entry.isDirectory() || entry.name.startsWith('.') || nameProblem('table', entry.name)) continue;
    if (configured.has(entry.name.toLowerCase())) continue;
    const location = join(schema.directory, entry.name);
    if (existsSync(join(location, '_delta_log'))) found.push({ name: entry.name, location, historyShared: true });
  }
  found.sort((a, b) => a.name.localeCompare(b.name));
  return [...schema.tables, ...found];
}

function listDir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
