// Comments and test names cite the Delta Sharing conformance checklist as "checklist N" (or "N–M",
// "N, M"); the items are the numbered list in section 3 of docs/DELTA_SHARING.md. This fails when a
// citation names an item the doc does not have, or when the doc's items stop being numbered 1..N,
// so renumbering the doc cannot silently send readers to the wrong rule. `--root <dir>` for tests.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceFiles } from './lint/sourceFiles.mjs';

const at = process.argv.indexOf('--root');
const root = at > 0 ? resolve(process.argv[at + 1]) : join(dirname(fileURLToPath(import.meta.url)), '..');
const DOC = 'docs/DELTA_SHARING.md';
const problems = [];

/** The item numbers of the doc's section 3, in the order they appear. */
function checklistItems(text) {
  const section = text.split(/^## /m).find((part) => part.startsWith('3.')) ?? '';
  const body = section.slice(section.indexOf('\n') + 1); // past the heading, itself "3. …"
  return [...body.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
}

const items = existsSync(join(root, DOC)) ? checklistItems(readFileSync(join(root, DOC), 'utf8')) : [];
if (items.length === 0) problems.push(`${DOC} has no numbered checklist in a section "## 3."`);
items.forEach((n, i) => n !== i + 1 && problems.push(`${DOC}: item ${i + 1} of section 3 is numbered ${n}`));

// "checklist 4", "checklist 1–3", "checklist 18, 32–33", "checklist 12, 13, 15", "checklist 52-53".
const CITATION = /checklist\s+(\d+(?:\s*[–-]\s*\d+)?(?:\s*,\s*\d+(?:\s*[–-]\s*\d+)?)*)/gi;
for (const area of ['kernel', 'renderer', 'electron', 'common', 'test']) {
  if (!existsSync(join(root, area))) continue;
  for (const file of sourceFiles(join(root, area))) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(CITATION)) {
        for (const part of m[1].split(',')) {
          const [from, to = from] = part.split(/[–-]/).map(Number);
          for (let n = from; n <= to; n++) {
            if (n < 1 || n > items.length) {
              const where = `${relative(root, file).split(sep).join('/')}:${i + 1}`;
              problems.push(`${where} cites checklist ${n}; ${DOC} section 3 has items 1–${items.length}`);
            }
          }
        }
      }
    });
  }
}
if (problems.length) {
  console.error(`Delta Sharing checklist citations broken:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`checklist citations: ok (${items.length} items)`);
