import { describe, expect, it } from 'vitest';
import { fullness, limitText, usedText } from '../../../../renderer/settings/storageText';

describe('the Storage settings’ words', () => {
  it('say what the cache holds', () => {
    expect(usedText({ usedBytes: 0, usedFiles: 0 })).toBe('0 B in 0 files');
    expect(usedText({ usedBytes: 1_234_567, usedFiles: 1 })).toBe('1.2 MB in 1 file');
  });

  it('say where the limit comes from', () => {
    expect(limitText({ limitBytes: 2e10, limitSource: 'settings', setting: '20GB' })).toBe('20.0 GB, set here (20GB)');
    expect(limitText({ limitBytes: 5e8, limitSource: 'environment', fromEnvironment: '500MB' })).toBe(
      '500.0 MB, from SILT_CACHE_MAX (500MB)',
    );
    expect(limitText({ limitBytes: 3.2e11, limitSource: 'default' })).toBe(
      "320.0 GB by default: half of the disk's free space plus what the cache holds, at least 1 GB",
    );
  });

  it('show a cache over its limit (a running statement keeps it there) as full, not beyond', () => {
    expect(fullness({ usedBytes: 250, limitBytes: 1000 })).toBe(0.25);
    expect(fullness({ usedBytes: 5000, limitBytes: 1000 })).toBe(1);
  });
});
