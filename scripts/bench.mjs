// `npm run bench`: bundles every test/bench/*.bench.ts and runs it. Each benchmark prints its own
// lines, as ratios against a baseline measured in the same run, never as pass/fail timings.
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const only = process.argv.slice(2);
const benches = readdirSync(join(root, 'test', 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
const outdir = join(root, 'dist', 'bench');
await build({
  entryPoints: benches.map((f) => join(root, 'test', 'bench', f)),
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies), ...Object.keys(pkg.optionalDependencies ?? {})],
  logLevel: 'warning',
});
const require = createRequire(import.meta.url);
for (const f of benches) {
  console.log(`\n## ${f.replace('.bench.ts', '')}`);
  const mod = require(join(outdir, f.replace(/\.ts$/, '.js')));
  const lines = await mod.run({ root });
  for (const line of lines) console.log(line);
}
