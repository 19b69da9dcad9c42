import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = join(__dirname, '../../../scripts/check-checklist.mjs');
const trees: string[] = [];
afterAll(() => trees.forEach((t) => rmSync(t, { recursive: true, force: true })));

const DOC = ['# Notes', '## 2. Limits', '1. not the checklist', '## 3. Checklist', '1. one', '2. two', '3. three', ''];

/** A tree with the given checklist doc and one kernel file, checked by the script. */
function check(doc: string[], source: string) {
  const root = mkdtempSync(join(tmpdir(), 'silt-checklist-'));
  trees.push(root);
  mkdirSync(join(root, 'docs'));
  mkdirSync(join(root, 'kernel'));
  writeFileSync(join(root, 'docs/DELTA_SHARING.md'), doc.join('\n'));
  writeFileSync(join(root, 'kernel/a.ts'), source);
  const run = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
  return { ok: run.status === 0, out: run.stdout + run.stderr };
}

describe('check-checklist', () => {
  it('passes citations of items the doc has, single, listed or as ranges', () => {
    const r = check(DOC, '// checklist 1\n// (Checklist 2–3) and checklist 1, 3\n');
    expect(r.out).toContain('ok (3 items)');
    expect(r.ok).toBe(true);
  });

  it('fails on a citation past the last item, with where it is', () => {
    const r = check(DOC, '\n/** Pages end on "" (checklist 2-4). */\n');
    expect(r.ok).toBe(false);
    expect(r.out).toContain('kernel/a.ts:2 cites checklist 4; docs/DELTA_SHARING.md section 3 has items 1–3');
  });

  it('fails when the doc’s items are no longer numbered 1..N', () => {
    const r = check(['## 3. Checklist', '1. one', '3. three'], '// checklist 1\n');
    expect(r.ok).toBe(false);
    expect(r.out).toContain('item 2 of section 3 is numbered 3');
  });
});
