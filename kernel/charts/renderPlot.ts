/**
 * Draws Plot options as standalone SVG text, in Node. The one entry point other kernel modules
 * (reports, AutoML) use for charts: build marks with `loadPlot()`, pass the options here.
 */
import type { PlotOptions } from '@observablehq/plot';
import type { ChartTheme } from './chartTheme';
import { loadPlot, plotDocument, type ChartNode } from './plotRuntime';
import { standaloneSvg } from './standaloneSvg';

export type { PlotOptions };

export function renderPlot(options: PlotOptions, opts: { theme?: ChartTheme } = {}): string {
  const figure = loadPlot().plot({ ...options, document: plotDocument() as PlotOptions['document'] }) as unknown as ChartNode;
  return standaloneSvg(figure, opts);
}
