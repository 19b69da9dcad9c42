/** `silt automl` run in this process, as a test calls it: no stderr, exit 0, its JSON parsed. */
import { expect } from 'vitest';
import { runAutomlCli } from '../../kernel/automl';

export async function automlCliJson(args: string[]): Promise<Record<string, unknown> & { warnings: { code: string; text: string }[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAutomlCli(
    args,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  expect(err).toEqual([]);
  expect(code).toBe(0);
  return JSON.parse(out[0]);
}
