/**
 * chart.export: writes a chart as SVG or PNG, atomically (temp file + rename), so a failure never
 * leaves a partial file under the chosen name. PNG goes through resvg with the system's fonts.
 */
import { extname, resolve } from 'node:path';
import { saveFile } from '../fs/atomicWrite';
import type { ChartRequests, ChartTheme } from '../protocol/charts';
import { CHART_THEMES } from './chartTheme';
import { retheme, svgSize } from './retheme';
import { SiltError } from '../../common/SiltError';

/** The request's own parameters: what to write, where, at which size and scale, in which theme. */
export type ExportChartParams = Omit<ChartRequests['chart.export']['params'], 'sessionId'>;

/** @param base the folder a relative path is taken from (the workspace). */
export function exportChart(p: ExportChartParams, base = process.cwd()): { path: string; bytes: number } {
  if (p.format !== 'svg' && p.format !== 'png') {
    throw new SiltError('bad-request', `format must be "svg" or "png", not ${JSON.stringify(p.format)}`);
  }
  if (p.width !== undefined && !(p.width >= 16 && p.width <= 20_000)) {
    throw new SiltError('bad-request', 'width must be between 16 and 20000 pixels');
  }
  if (p.scale !== undefined && !(p.scale > 0 && p.scale <= 8)) {
    throw new SiltError('bad-request', 'scale must be above 0 and at most 8');
  }
  const path = resolve(base, extname(p.path) ? p.path : `${p.path}.${p.format}`);
  const svg = p.theme ? retheme(p.svg, p.theme) : p.svg;
  const size = svgSize(svg);
  const width = p.width ?? size.width;
  const content =
    p.format === 'svg'
      ? resizeSvg(svg, width, (width * size.height) / size.width)
      : png(svg, Math.round(width * (p.scale ?? 1)), p.theme ?? 'light');
  return saveFile(path, content);
}

function png(svg: string, pixelWidth: number, theme: ChartTheme): Uint8Array {
  // Loaded here: the native addon is only worth its start-up cost when someone exports a PNG.
  const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const r = new Resvg(svg, {
    fitTo: { mode: 'width', value: pixelWidth },
    background: CHART_THEMES[theme].background,
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return r.render().asPng();
}

/** Sets the outer width/height; the viewBox keeps the drawing scaling with them. */
function resizeSvg(svg: string, width: number, height: number): string {
  return svg.replace(/^<svg\b[^>]*>/, (tag) =>
    tag.replace(/\swidth="[^"]*"/, ` width="${round(width)}"`).replace(/\sheight="[^"]*"/, ` height="${round(height)}"`),
  );
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
