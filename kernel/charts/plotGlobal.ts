/**
 * The `Plot` global of TypeScript cells: Observable Plot itself, except that `Plot.plot` and
 * `Plot.legend` draw into the session's jsdom document unless the cell passes its own, so
 * `display(Plot.plot({...}))` works in Node as it does in a browser.
 */
import { loadPlot, plotDocument, type Plot } from './plotRuntime';

export function plotGlobal(): Plot {
  const plot = loadPlot();
  const withDocument = <T extends object>(o: T | undefined) => ({ document: plotDocument(), ...(o ?? {}) }) as T;
  return Object.freeze({
    ...plot,
    plot: (o?: Parameters<Plot['plot']>[0]) => plot.plot(withDocument(o)),
    legend: (o?: Parameters<Plot['legend']>[0]) => plot.legend(withDocument(o)),
  }) as Plot;
}
