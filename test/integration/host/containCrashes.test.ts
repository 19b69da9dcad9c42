/**
 * The host process's last line of defence, in a real Node process: an error thrown from a timer
 * and a rejected promise nobody awaits are logged without the token, and the process keeps serving.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../../helpers/startHost';

const dir = mkdtempSync(join(tmpdir(), 'silt-contain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('logs an uncaught error and an unhandled rejection without the token, and keeps serving', async () => {
  const token = 'tok_SECRET_1234567890';
  const driver = join(dir, 'driver.ts');
  writeFileSync(
    driver,
    `import { createServer } from 'node:http';
import { containCrashes } from ${JSON.stringify(join(ROOT, 'kernel/host/containCrashes'))};
import { redactSecrets } from ${JSON.stringify(join(ROOT, 'kernel/host/redactSecrets'))};
const token = ${JSON.stringify(token)};
containCrashes((line) => process.stderr.write(redactSecrets(line, token) + '\\n'));
setTimeout(() => { throw new Error('boom while handling /?token=' + token); }, 10);
setTimeout(() => { Promise.reject(new Error('rejected with Bearer ' + token)); }, 20);
const server = createServer((_req, res) => res.end('still here'));
server.listen(0, '127.0.0.1', () => setTimeout(() => process.stdout.write(String(server.address().port) + '\\n'), 60));
`,
  );
  const bundle = join(dir, 'driver.js');
  buildSync({ entryPoints: [driver], bundle: true, platform: 'node', outfile: bundle, logLevel: 'silent' });
  const child = spawn(process.execPath, [bundle], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (d) => resolve(Number(String(d).trim())));
      child.once('exit', (code) => reject(new Error(`the process died (${code}): ${stderr}`)));
    });
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(await res.text()).toBe('still here');
    expect(child.exitCode).toBeNull();
    expect(stderr).toMatch(/contained an uncaught error .*boom while handling/);
    expect(stderr).toMatch(/contained an unhandled rejection .*rejected with Bearer \[redacted\]/);
    expect(stderr).not.toContain(token);
  } finally {
    child.kill();
  }
});
