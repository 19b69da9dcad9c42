// `npm start`: the desktop window when Electron's binary is installed; otherwise the same app in a
// browser through `silt serve` (as on CI machines, where the binary cannot be downloaded).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron'); // the package exports the binary's path, or throws when it is missing
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * Install scripts are off (.npmrc), so Electron's binary is fetched here, once, the first time the app
 * starts. Where its download host cannot be reached this fails within seconds and Silt opens in the
 * browser instead; SILT_NO_ELECTRON=1 skips the attempt.
 */
function fetchElectron() {
  if (process.env.SILT_NO_ELECTRON) return null;
  let installer;
  try {
    installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return null; // electron is a devDependency: absent after `npm install --omit=dev`
  }
  console.log('Fetching the Electron desktop shell (once)…');
  const r = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10 * 60_000, encoding: 'utf8' });
  if (r.status !== 0) {
    const why = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.exec(r.stderr ?? '')?.[0] ?? 'the download failed';
    console.log(`Electron could not be downloaded (${why}).`);
    return null;
  }
  return electronBinary();
}

const extra = process.argv.slice(2);
const electron = electronBinary() ?? fetchElectron();
let child;
if (electron) {
  child = spawn(electron, [root, ...extra], { stdio: 'inherit' });
} else {
  console.log('Electron is not installed on this machine, so Silt opens in your browser instead (silt serve).');
  child = spawn(process.execPath, [join(root, 'dist', 'kernel', 'cli.js'), 'serve', ...extra], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
