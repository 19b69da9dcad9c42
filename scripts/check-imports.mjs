// The house's import rules (ARCHITECTURE.md "Who may import whom"), checked on every build. Project
// references already stop most wrong imports; this catches what they cannot: value imports of the
// protocol from the renderer or the shell, Node or kernel-only packages in the renderer, and
// electron/react in the kernel. common/ is the pure layer every part may import by value; it imports
// nothing but itself.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const problems = [];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

const IMPORT =
  /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/gm;
const NODE_BUILTINS = /^(node:|fs$|path$|os$|child_process$|crypto$|http$|https$|net$|stream$|url$|util$|vm$|worker_threads$|zlib$)/;
const KERNEL_ONLY =
  /^(@duckdb\/|@resvg\/|@observablehq\/|danfojs|@tensorflow\/|undici$|ws$|esbuild$|acorn$|jsdom$|yaml$|apache-arrow$|source-map-js$)/;

function check(area, file) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(IMPORT)) {
    const typeOnly = Boolean(m[2]);
    const spec = m[3] ?? m[4] ?? m[5];
    const rel = relative(root, file);
    const target = spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : null;
    const intoKernel = target?.startsWith('kernel');
    const intoProtocol = target?.startsWith('kernel/protocol');
    if (area === 'renderer' || area === 'electron') {
      if (intoKernel && !intoProtocol) problems.push(`${rel}: imports kernel internals (${spec}); only kernel/protocol, type-only`);
      if (intoProtocol && !typeOnly) problems.push(`${rel}: imports kernel/protocol as a value (${spec}); use "import type"`);
      if (target?.startsWith(area === 'renderer' ? 'electron' : 'renderer')) problems.push(`${rel}: imports ${spec}`);
    }
    if (area === 'renderer' && (NODE_BUILTINS.test(spec) || KERNEL_ONLY.test(spec) || spec === 'electron')) {
      problems.push(`${rel}: the renderer may not import ${spec}`);
    }
    if (area === 'common' && (!spec.startsWith('.') || !target?.startsWith('common'))) {
      problems.push(`${rel}: common/ is pure and self-contained; it may not import ${spec}`);
    }
    if (
      area === 'kernel' &&
      (spec === 'electron' || spec === 'react' || spec === 'react-dom' || target?.startsWith('renderer') || target?.startsWith('electron'))
    ) {
      problems.push(`${rel}: the kernel may not import ${spec}`);
    }
  }
}

for (const area of ['common', 'renderer', 'electron', 'kernel']) {
  try {
    for (const f of files(join(root, area))) check(area, f);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
}
if (problems.length) {
  console.error('Import rules broken (see ARCHITECTURE.md, "Who may import whom"):\n  ' + problems.join('\n  '));
  process.exit(1);
}
console.log('import rules: ok');
