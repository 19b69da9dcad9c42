// Fails on any import cycle between source files (type-only imports included) and on any kernel
// import that breaks the layer order in scripts/lint/kernelLayers.mjs. Run by `npm run lint`;
// `--root <dir>` checks another tree (the tests use a small fixture).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importGraph } from './lint/importGraph.mjs';
import { describeCycles } from './lint/findCycles.mjs';
import { layerProblems } from './lint/kernelLayers.mjs';

const at = process.argv.indexOf('--root');
const root = at > 0 ? resolve(process.argv[at + 1]) : join(dirname(fileURLToPath(import.meta.url)), '..');
const graph = importGraph(root, ['common', 'kernel', 'renderer', 'electron', 'test']);

const cycles = describeCycles(graph);
const layers = layerProblems(graph);
if (cycles.length) {
  console.error(`Import cycles (${cycles.length}); move the shared part to a leaf file:\n  ${cycles.join('\n  ')}`);
}
if (layers.length) {
  console.error(`Kernel layer order broken (ARCHITECTURE.md, "Who may import whom"):\n  ${layers.join('\n  ')}`);
}
if (cycles.length || layers.length) process.exit(1);
console.log(`import cycles and layers: ok (${graph.size} files)`);
