/**
 * The file a pool worker runs. The built kernel ships it next to its entry points
 * (dist/kernel/automl/automlWorker.js, bundled by scripts/build.mjs). Running from source (tests,
 * the bench) there is no built file, so esbuild bundles automlWorker.ts once into
 * node_modules/.cache/silt, where its external packages still resolve from node_modules; the name
 * carries a hash of the bundle, so a stale copy is never used. Null when neither works: the search
 * then runs in the calling thread.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let script: Promise<string | null> | null = null;

export function workerScript(): Promise<string | null> {
  script ??= locate().catch(() => null);
  return script;
}

async function locate(): Promise<string | null> {
  const here = typeof __filename === 'string' ? __filename : null;
  if (here?.endsWith('.js')) {
    const dir = dirname(here);
    const built = [join(dir, 'automlWorker.js'), join(dir, 'automl', 'automlWorker.js'), join(dir, '..', 'automl', 'automlWorker.js')].find(
      existsSync,
    );
    if (built) return built;
  }
  const require = createRequire(here ?? `${process.cwd()}/noop.js`);
  const nodeModules = dirname(dirname(dirname(require.resolve('esbuild'))));
  const root = dirname(nodeModules);
  const source = join(root, 'kernel', 'automl', 'automlWorker.ts');
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
  const file = join(cache, `automlWorker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`);
  if (!existsSync(file)) {
    mkdirSync(cache, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  }
  return file;
}
