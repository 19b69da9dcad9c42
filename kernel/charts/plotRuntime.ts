/**
 * Loads Observable Plot and a jsdom document on first use only: together they cost ~0.5 s and
 * ~40 MB, which a session that never draws a chart should not pay. Plot gets the document passed in
 * its options, so no DOM globals leak into the notebook's TypeScript realm.
 */
import type * as PlotModule from '@observablehq/plot';
import { installCanvasShim } from './canvasShim';

export type Plot = typeof PlotModule;

/** The parts of a DOM node the chart code reads (the kernel compiles without the DOM library). */
export interface ChartNode {
  tagName: string;
  textContent: string | null;
  children: ArrayLike<ChartNode>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  querySelector(selector: string): ChartNode | null;
  querySelectorAll(selector: string): ArrayLike<ChartNode>;
  cloneNode(deep: boolean): ChartNode;
  remove(): void;
}

interface ChartWindow {
  document: unknown;
  XMLSerializer: new () => { serializeToString(node: unknown): string };
  HTMLCanvasElement: { prototype: object };
}

let plot: Plot | null = null;
let window: ChartWindow | null = null;

export function loadPlot(): Plot {
  if (!plot) {
    // Plot is ESM-only; Node ≥ 20.19 loads it through require, which keeps first use synchronous.
    plot = require('@observablehq/plot') as Plot;
    // `mark.plot()` calls Plot's own plot(); give it our document unless the caller passed one.
    const proto = plot.Mark.prototype as unknown as { plot(o?: Record<string, unknown>): unknown };
    const own = proto.plot;
    proto.plot = function (this: unknown, o: Record<string, unknown> = {}) {
      return own.call(this, { document: plotDocument(), ...o });
    };
  }
  return plot;
}

function chartWindow(): ChartWindow {
  if (!window) {
    const { JSDOM } = require('jsdom') as { JSDOM: new (html: string) => { window: ChartWindow } };
    window = new JSDOM('<!DOCTYPE html><html><body></body></html>').window;
    installCanvasShim(window);
  }
  return window;
}

/** The document Plot builds charts in; pass it as Plot's `document` option. */
export function plotDocument(): unknown {
  return chartWindow().document;
}

/** Serialises a node as XML (namespaces declared, no HTML entities such as &nbsp;). */
export function toXml(node: ChartNode): string {
  const W = chartWindow();
  return new W.XMLSerializer().serializeToString(node);
}
