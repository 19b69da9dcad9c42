import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = join(__dirname, '../../../scripts/check-cycles.mjs');
const trees: string[] = [];
afterAll(() => trees.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** Writes a small source tree (each file given as its lines) and runs the checker on it. */
function check(files: Record<string, string[]>) {
  const root = mkdtempSync(join(tmpdir(), 'silt-cycles-'));
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text.join('\n'));
  }
  const run = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
  return { ok: run.status === 0, out: run.stdout + run.stderr };
}

describe('check-cycles', () => {
  it('passes a tree whose imports go down the layers', () => {
    const r = check({
      'kernel/session/Session.ts': ["import { run } from '../engine/run';", "import type { Row } from '../protocol';"],
      'kernel/engine/run.ts': ["import type { Row } from '../protocol/index';", 'export const run = (r: Row) => r;'],
      'kernel/protocol/index.ts': ["import { V } from '../../common/version';", 'export type Row = [typeof V];'],
      'common/version.ts': ['export const V = 1;'],
    });
    expect(r.out).toContain('ok (4 files)');
    expect(r.ok).toBe(true);
  });

  it('reports a cycle of type-only imports, with the path around it', () => {
    const r = check({
      'renderer/a.tsx': ["import type { B } from './b';", 'export type A = B[];'],
      'renderer/b.ts': ["export type B = import('./c').C;"],
      'renderer/c.ts': ['export type {', '  A as C,', "} from './a';"],
    });
    expect(r.ok).toBe(false);
    const cycle = ['renderer/a.tsx', 'renderer/b.ts (type)', 'renderer/c.ts (type)', 'renderer/a.tsx (type)'];
    expect(r.out).toContain(cycle.join(' → '));
  });

  it('sees dynamic imports and require() as edges', () => {
    const r = check({
      'kernel/automl/a.ts': ["export const load = () => import('./b');"],
      'kernel/automl/b.ts': ["export const a = () => require('./a');"],
    });
    expect(r.ok).toBe(false);
    expect(r.out).toContain('kernel/automl/a.ts → kernel/automl/b.ts → kernel/automl/a.ts');
  });

  it('refuses an import up the layers, even of a type', () => {
    const r = check({
      'kernel/engine/DuckEngine.ts': ["import type { Session } from '../session/Session';", 'export type S = Session;'],
      'kernel/session/Session.ts': ['export class Session {}'],
    });
    expect(r.ok).toBe(false);
    expect(r.out).toContain('kernel/engine/DuckEngine.ts imports kernel/session/Session.ts (type-only)');
    expect(r.out).toContain('kernel/session is above kernel/engine');
  });

  it('refuses an import between peers on one row, and a kernel folder missing from the table', () => {
    const r = check({
      'kernel/charts/draw.ts': ["import { write } from '../export/write';", 'export const draw = write;'],
      'kernel/export/write.ts': ['export const write = 1;'],
      'kernel/gadgets/tool.ts': ['export const tool = 1;'],
    });
    expect(r.ok).toBe(false);
    expect(r.out).toContain('kernel/charts and kernel/export are peers on one row');
    expect(r.out).toContain('kernel/gadgets is not in the layer table');
  });
});
