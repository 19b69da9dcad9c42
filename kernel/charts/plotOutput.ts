/**
 * Recognises a chart Plot drew in a cell and turns it into a standalone SVG rich output, so it is
 * stored in the .ipynb and looks the same in the app, in exports and in headless runs.
 */
import type { RichOutput } from '../protocol';
import type { ChartNode } from './plotRuntime';
import { standaloneSvg } from './standaloneSvg';

/** Plot's figures, charts and legends carry a `plot-<hash>` class; checked without loading Plot. */
export function isPlotFigure(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const n = v as { tagName?: unknown; getAttribute?: unknown };
  if (typeof n.tagName !== 'string' || typeof n.getAttribute !== 'function') return false;
  return /^plot-[0-9a-f]{6}\b/.test((n as ChartNode).getAttribute('class') ?? '');
}

export function plotOutput(figure: unknown): RichOutput {
  const node = figure as ChartNode;
  const title = node.tagName.toLowerCase() === 'figure' ? node.querySelector('h2')?.textContent : null;
  return { kind: 'rich', data: { 'image/svg+xml': standaloneSvg(node), 'text/plain': title ? `<Plot: ${title}>` : '<Plot>' } };
}
