/**
 * The embedded demo share: the marketplace tables, served by Silt's own Delta Sharing server on
 * 127.0.0.1, a profile for it that every session opens, and the event simulator that keeps the
 * tables changing while the app runs. Needs no account and no network.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSharingServer, writeProfile, type RunningSharingServer, type SchemaConfig } from '../sharing/server';
import { MarketplaceDemo } from './marketplace';

export const DEMO_SHARE = 'demo';

export interface DemoShare {
  profilePath: string;
  server: RunningSharingServer;
  demo: MarketplaceDemo;
  close(): Promise<void>;
}

export async function startDemoShare(opts: { root: string; profileDir: string; tickMs?: number }): Promise<DemoShare> {
  const demo = await MarketplaceDemo.open(opts.root);
  const schemas = new Map<string, SchemaConfig>();
  for (const t of demo.tables()) {
    const schema = schemas.get(t.schema) ?? { name: t.schema, tables: [] };
    schema.tables.push({ name: t.name, location: t.path, historyShared: true, cdfEnabled: t.cdf });
    schemas.set(t.schema, schema);
  }
  const server = await startSharingServer({ port: 0, shares: [{ name: DEMO_SHARE, schemas: [...schemas.values()] }] });
  // The token is new every start, so the profile is rewritten every start (mode 0600).
  mkdirSync(opts.profileDir, { recursive: true });
  const profilePath = join(opts.profileDir, `${DEMO_SHARE}.share`);
  writeProfile(profilePath, server.url, server.token);
  if (opts.tickMs !== 0) demo.start(opts.tickMs ?? 5000);
  return {
    profilePath,
    server,
    demo,
    async close() {
      await demo.stop();
      await server.close();
      await demo.close();
    },
  };
}
