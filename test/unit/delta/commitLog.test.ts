import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeCommit } from '../../../kernel/delta/commitLog';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('writeCommit', () => {
  it('two writers racing for one version in the same millisecond: one commits its own actions, the other gets a conflict', async () => {
    const root = mkdtempSync(join(tmpdir(), 'silt-commit-'));
    dirs.push(root);
    // Both start in the same millisecond, as two publishes of one process can on a fast machine.
    vi.spyOn(Date, 'now').mockReturnValue(1_796_342_928_124);
    const a = [{ commitInfo: { writer: 'a' } }];
    const b = [{ commitInfo: { writer: 'b' } }];
    const results = await Promise.allSettled([writeCommit(root, 1, a), writeCommit(root, 1, b)]);
    const won = results.findIndex((r) => r.status === 'fulfilled');
    expect(won).toBeGreaterThanOrEqual(0);
    const lost = results[1 - won];
    expect(lost.status).toBe('rejected');
    expect(String((lost as PromiseRejectedResult).reason.message)).toMatch(/version 1 was committed by another writer/);
    const committed = readFileSync(join(root, '_delta_log', '00000000000000000001.json'), 'utf8');
    expect(JSON.parse(committed.trim())).toEqual((won === 0 ? a : b)[0]);
    // No temp file is left in the log.
    expect(readdirSync(join(root, '_delta_log'))).toEqual(['00000000000000000001.json']);
  });
});
