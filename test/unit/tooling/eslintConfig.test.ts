import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');

/** The rules the checked-in eslint.config.mjs reports on a snippet, as if it were a kernel file. */
async function rulesHit(code: string, file = 'kernel/engine/snippet.ts'): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('eslint.config.mjs', () => {
  it('catches loose equality, a needless let and an unused variable', async () => {
    const code = ['export function f(a: number) {', '  let b = a;', '  const c = 1;', '  return a == 2 || b;', '}'];
    const hits = await rulesHit(code.join('\n'));
    expect(hits).toEqual(expect.arrayContaining(['eqeqeq', 'prefer-const', '@typescript-eslint/no-unused-vars']));
  });

  it('allows `== null`, names starting with _ and the kernel’s lazy require()', async () => {
    const code = "export function f(a: unknown, _b: number) {\n  return a == null ? require('danfojs') : a;\n}\n";
    expect(await rulesHit(code)).toEqual([]);
  });

  it('keeps require() out of the renderer', async () => {
    expect(await rulesHit("export const m = require('react');\n", 'renderer/snippet.ts')).toContain(
      '@typescript-eslint/no-require-imports',
    );
  });
});
