/**
 * The file a worker thread runs: `entry` under kernel/, without extension (the AutoML pool's
 * `automl/automlWorker` by default, or the TypeScript checker's `session/ts/tsCheckWorker`). The
 * built kernel ships it beside its entry points (dist/kernel/automl/automlWorker.js, bundled by
 * scripts/build.mjs). Running from source (tests, the bench) there is no built file, so esbuild
 * bundles the entry's source (from the tree this file is in) once into
 * node_modules/.cache/silt, where its external packages still resolve from node_modules; the name
 * carries a hash of the bundle, so a stale copy is never used. Null when neither works: the search
 * then runs in the calling thread.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const scripts = new Map<string, Promise<string | null>>();

export function workerScript(entry = 'automl/automlWorker'): Promise<string | null> {
  let script = scripts.get(entry);
  if (!script) scripts.set(entry, (script = locate(entry).catch(() => null)));
  return script;
}

async function locate(entry: string): Promise<string | null> {
  const base = entry.slice(entry.lastIndexOf('/') + 1);
  const here = typeof __filename === 'string' ? __filename : null;
  if (here?.endsWith('.js')) {
    const dir = dirname(here);
    const built = [join(dir, `${base}.js`), join(dir, `${entry}.js`), join(dir, '..', `${entry}.js`)].find(existsSync);
    if (built) return built;
  }
  const require = createRequire(here ?? `${process.cwd()}/noop.js`);
  const nodeModules = dirname(dirname(dirname(require.resolve('esbuild'))));
  // From source, the entry is read from this file's own tree (a git worktree may share node_modules,
  // whose real path is another checkout's). A bundle run from source (the bench in dist/bench) finds
  // its tree by walking up from itself, so a worktree's bench trains with that worktree's code.
  const root = here?.endsWith('.ts') ? join(dirname(here), '..', '..') : (treeAbove(here, entry) ?? dirname(nodeModules));
  const source = join(root, 'kernel', `${entry}.ts`);
  if (!existsSync(source)) return null;
  const { build } = require('esbuild') as typeof import('esbuild');
  const pkg = require(join(root, 'package.json')) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  const out = await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    external: [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})],
  });
  const code = out.outputFiles[0].text;
  const cache = join(nodeModules, '.cache', 'silt');
  const file = join(cache, `${base}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`);
  if (!existsSync(file)) {
    mkdirSync(cache, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  }
  return file;
}

/** The nearest folder above `file` holding package.json and kernel/<entry>.ts. */
function treeAbove(file: string | null, entry: string): string | null {
  for (let dir = file ? dirname(file) : null; dir && dirname(dir) !== dir; dir = dirname(dir))
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'kernel', `${entry}.ts`))) return dir;
  return null;
}
