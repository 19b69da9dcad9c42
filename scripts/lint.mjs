// `npm run lint`: the house conventions, checked in order, each as its own process so one failure
// does not hide the next. Prettier's check joins only once `.prettier-enforced` exists at the root:
// the lead creates it in the commit that runs the one mechanical `npm run format` over the tree, so
// nobody's open branch fails on formatting before then. `--fix` lets ESLint fix what it can.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const fix = process.argv.includes('--fix') ? ['--fix'] : [];
const prettierEnforced = existsSync(join(root, '.prettier-enforced'));

const steps = [
  ['import rules', process.execPath, ['scripts/check-imports.mjs']],
  ['import cycles and layers', process.execPath, ['scripts/check-cycles.mjs']],
  ['checklist citations', process.execPath, ['scripts/check-checklist.mjs']],
  // The cache (.eslintcache, git-ignored) skips unchanged files; a config change invalidates it.
  ['eslint', bin('eslint'), ['--cache', '--cache-location', '.eslintcache', ...fix, '.']],
];
const prettierArgs = ['--check', '--cache', '--cache-location', '.prettiercache', '--log-level', 'warn', '.'];
if (prettierEnforced) steps.push(['prettier', bin('prettier'), prettierArgs]);

const failed = [];
for (const [name, command, args] of steps) {
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status === 0) console.log(`lint: ${name} ok (${seconds} s)`);
  else failed.push(name);
}
if (!prettierEnforced) console.log('lint: prettier not enforced yet (see scripts/lint.mjs); `npm run format` formats');
if (failed.length) {
  console.error(`lint: failed: ${failed.join(', ')}`);
  process.exit(1);
}
