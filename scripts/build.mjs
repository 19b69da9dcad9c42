// Builds every runnable part with esbuild: the kernel entry points (CommonJS for Node, native
// packages left external), the renderer bundle (browser, no Node), and the Electron shell.
import { build } from 'esbuild';
import { cpSync, mkdirSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const watch = process.argv.includes('--watch');
const pkg = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(join(root, 'package.json'), 'utf8')));
// Runtime dependencies stay outside the kernel bundle: native addons cannot be bundled and big
// libraries load faster from node_modules than from a re-bundled copy.
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}), 'electron'];

rmSync(join(out, 'renderer'), { recursive: true, force: true });
mkdirSync(join(out, 'renderer'), { recursive: true });

// automlWorker (the AutoML search pool) and tsCheckWorker (the TypeScript checker) run on
// worker_threads, so each is an entry of its own; headlessSessionMain is the session of `silt run`,
// which outlives a terminal's Ctrl+C.
const kernelEntries = [
  'kernel/cli.ts',
  'kernel/session/sessionMain.ts',
  'kernel/automl/automlWorker.ts',
  'kernel/session/ts/tsCheckWorker.ts',
  'kernel/run/headlessSessionMain.ts',
].filter((f) => existsSync(join(root, f)));

await Promise.all([
  build({
    entryPoints: kernelEntries.map((f) => join(root, f)),
    outdir: join(out, 'kernel'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    external,
    logLevel: 'warning',
  }),
  existsSync(join(root, 'renderer/main.tsx')) &&
    build({
      entryPoints: [join(root, 'renderer/main.tsx')],
      outfile: join(out, 'renderer/app.js'),
      bundle: true,
      platform: 'browser',
      target: 'chrome120',
      format: 'esm',
      sourcemap: true,
      minify: !watch,
      jsx: 'automatic',
      loader: { '.woff2': 'file', '.ttf': 'file', '.woff': 'file' },
      logLevel: 'warning',
    }),
  existsSync(join(root, 'electron/main.ts')) &&
    build({
      entryPoints: [join(root, 'electron/main.ts'), join(root, 'electron/preload.ts')],
      outdir: join(out, 'electron'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['electron'],
      logLevel: 'warning',
    }),
]);

for (const f of ['index.html', 'styles.css']) {
  if (existsSync(join(root, 'renderer', f))) cpSync(join(root, 'renderer', f), join(out, 'renderer', f));
}
