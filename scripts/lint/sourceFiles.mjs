// The files the source checks read. Kept apart from importGraph.mjs so that checks which only scan
// text do not pay for loading the TypeScript compiler.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SOURCE = /\.(ts|tsx|mts|cts)$/;

/** The TypeScript sources under dir (not declarations, installed packages or build output). */
export function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}
