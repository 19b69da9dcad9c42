// `npm start`: the desktop window when Electron's binary is installed; otherwise the same app in a
// browser through `silt serve` (as on CI machines, where the binary cannot be downloaded).
import { spawn } from 'node:child_process';
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

const extra = process.argv.slice(2);
const electron = electronBinary();
let child;
if (electron) {
  child = spawn(electron, [root, ...extra], { stdio: 'inherit' });
} else {
  console.log('Electron is not installed on this machine, so Silt opens in your browser instead (silt serve).');
  child = spawn(process.execPath, [join(root, 'dist', 'kernel', 'cli.js'), 'serve', ...extra], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
