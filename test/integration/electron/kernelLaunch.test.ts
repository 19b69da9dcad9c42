import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchKernel } from '../../../electron/kernelLaunch';
import { CLI } from '../../helpers/startHost';

// The shell starts the kernel by file path with its own executable running as Node; here plain Node
// stands in for Electron's binary, which cannot be downloaded on CI machines.
describe('kernel launch from the shell', () => {
  it('starts the built kernel and returns a URL that serves the app with the token', async () => {
    const home = mkdtempSync(join(tmpdir(), 'silt-shell-'));
    const kernel = await launchKernel({
      execPath: process.execPath,
      cliPath: CLI,
      args: ['--workspace', join(home, 'ws')],
      env: { SILT_HOME: home },
    });
    try {
      expect(kernel.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      const res = await fetch(kernel.url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    } finally {
      kernel.child.kill();
    }
  });

  it('reports a kernel that cannot start instead of hanging', async () => {
    await expect(
      launchKernel({ execPath: process.execPath, cliPath: join(tmpdir(), 'no-such-cli.js'), timeoutMs: 10_000 }),
    ).rejects.toThrow(/exited .* before it was ready/);
  });
});
