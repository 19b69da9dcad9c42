/**
 * The fuses the packaged app is built with: every one we set is a fuse the installed electron-builder
 * knows (a misspelt key would be ignored silently), and the one the kernel's launch depends on stays on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, boolean> };
const scheme = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));

describe('the packaged app’s Electron fuses', () => {
  it('sets only fuses electron-builder knows, each to a boolean', () => {
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    const set = Object.entries(config.electronFuses ?? {});
    expect(set.length).toBeGreaterThanOrEqual(6);
    for (const [name, value] of set) {
      expect(known).toContain(name);
      expect(typeof value).toBe('boolean');
    }
  });

  it('keeps Run-as-Node on because the kernel is launched that way, and locks down the rest', () => {
    const launch = readFileSync(join(ROOT, 'electron', 'kernelLaunch.ts'), 'utf8');
    expect(launch).toContain("ELECTRON_RUN_AS_NODE: '1'");
    expect(config.electronFuses).toMatchObject({
      runAsNode: true,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });
});
