/**
 * The catalog panel's data: what each open profile shares, and one table's details. A profile whose
 * server cannot be reached still appears, with the reason, so one bad profile never hides the rest.
 */
import type { CatalogProfile, CatalogRequests, CatalogTable } from '../../protocol/catalog';
import { parseSchema, typeString } from '../../delta';
import type { Handlers } from '../Handlers';
import { toSiltError } from '../../../common/SiltError';
import type { SharedTables } from './SharedTables';

export async function catalogTree(shared: SharedTables): Promise<CatalogProfile[]> {
  return Promise.all(
    shared.profiles().map(async (p): Promise<CatalogProfile> => {
      const client = shared.client(p.name);
      try {
        const shares = await Promise.all(
          (await client.listShares()).map(async (s) => {
            const bySchema = new Map<string, string[]>();
            for (const sc of await client.listSchemas(s.name)) bySchema.set(sc.name, []);
            for (const t of await client.listAllTables(s.name)) bySchema.set(t.schema, [...(bySchema.get(t.schema) ?? []), t.name]);
            return { name: s.name, schemas: [...bySchema].map(([name, tables]) => ({ name, tables: tables.sort() })) };
          }),
        );
        return { ...p, shares };
      } catch (e) {
        const err = toSiltError(e);
        return { ...p, shares: [], error: err.message, errorCode: err.code };
      }
    }),
  );
}

export async function catalogTable(
  shared: SharedTables,
  ref: { profile: string; share: string; schema: string; table: string },
): Promise<CatalogTable> {
  const { version, metadata } = await shared.client(ref.profile).tableMetadata({ share: ref.share, schema: ref.schema, table: ref.table });
  return {
    version,
    ...(metadata.description ? { description: metadata.description } : {}),
    columns: parseSchema(metadata.schemaString).fields.map((f) => ({
      name: f.name,
      type: typeString(f.type),
      nullable: f.nullable,
      ...(typeof f.metadata?.comment === 'string' ? { comment: f.metadata.comment } : {}),
    })),
    partitionColumns: metadata.partitionColumns,
    ...(metadata.numFiles !== undefined ? { numFiles: metadata.numFiles } : {}),
    ...(metadata.size !== undefined ? { sizeBytes: metadata.size } : {}),
    changeDataFeed: metadata.configuration['delta.enableChangeDataFeed'] === 'true',
  };
}

export const catalogHandlers: Handlers<keyof CatalogRequests> = {
  'catalog.tree': async (s) => ({ profiles: await catalogTree(s.shared) }),
  'catalog.table': (s, ref) => catalogTable(s.shared, ref),
  // The host has saved the profile when it names it; only then can the panel offer to remove it.
  'catalog.addProfile': async (s, p) => ({ name: s.shared.addProfile(p.source, p.name, { saved: p.name !== undefined }) }),
  'catalog.removeProfile': async (s, p) => ({ removed: await s.shared.removeProfile(p.name) }),
};
