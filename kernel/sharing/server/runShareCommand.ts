import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { TableConfig } from './config';
import { startSharingServer, type RunningSharingServer } from './startSharingServer';
import { writeProfile } from './writeProfile';

const USAGE = 'usage: silt share PATH... [--port N] [--name SHARE] [--schema SCHEMA] [--profile-out FILE.share] [--ignore-hints]';

/**
 * `silt share`: serves the given Delta table folders (each named after its folder) with a fresh
 * token, writes the profile, then prints the endpoint. Resolves with the running server; the caller
 * keeps the process alive and closes it.
 */
export async function runShareCommand(argv: string[], out: (line: string) => void): Promise<RunningSharingServer> {
  const opts = parseArgs(argv);
  const tables: TableConfig[] = opts.paths.map((p) => {
    const location = resolve(p);
    if (!existsSync(join(location, '_delta_log'))) throw new Error(`${p} is not a Delta table (it has no _delta_log folder)`);
    // Table names may not contain '.', spaces or '/', which folder names often do.
    const name = basename(location).replace(/[.\s/\u0000-\u001f\u007f]/g, '_');
    return { name, location, historyShared: true };
  });
  const server = await startSharingServer({
    port: opts.port,
    shares: [{ name: opts.share, schemas: [{ name: opts.schema, tables }] }],
    ...(opts.ignoreHints ? { ignoreHints: true } : {}),
  });
  try {
    writeProfile(opts.profileOut, server.url, server.token);
  } catch (err) {
    await server.close();
    throw err;
  }
  out(`Delta Sharing server at ${server.url}`);
  if (opts.ignoreHints) out('Predicate and limit hints are ignored: every query is answered with all files.');
  return server;
}

interface ShareArgs {
  paths: string[];
  port: number;
  share: string;
  schema: string;
  profileOut: string;
  ignoreHints: boolean;
}

function parseArgs(argv: string[]): ShareArgs {
  const args: ShareArgs = { paths: [], port: 0, share: 'silt', schema: 'default', profileOut: resolve('silt.share'), ignoreHints: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--port') {
      const v = value();
      args.port = Number(v);
      if (!/^\d+$/.test(v) || args.port > 65535) throw new Error(`--port must be a number from 0 to 65535, got ${v}`);
    } else if (a === '--name') args.share = value();
    else if (a === '--schema') args.schema = value();
    else if (a === '--profile-out') args.profileOut = resolve(value());
    else if (a === '--ignore-hints') args.ignoreHints = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${USAGE}`);
    else args.paths.push(a);
  }
  if (args.paths.length === 0) throw new Error(`give at least one Delta table folder\n${USAGE}`);
  return args;
}
