/**
 * Switches a chart SVG drawn by standaloneSvg to another theme (its background and text colour sit
 * on the root element and the first rect), so an exported chart can be light or dark whatever theme
 * it was drawn in. SVG from elsewhere is returned unchanged.
 */
import { CHART_THEMES, type ChartTheme } from './chartTheme';
import { SiltError } from '../../common/SiltError';

export function retheme(svg: string, theme: ChartTheme): string {
  const { background, foreground } = CHART_THEMES[theme];
  const m = /^(<svg\b[^>]*\scolor=")([^"]*)("[^>]*>(?:<style>[^<]*<\/style>)?<rect [^>]*fill=")([^"]*)(")/.exec(svg);
  if (!m) return svg;
  const oldBackground = m[4];
  const head = `${m[1]}${foreground}${m[3]}${background}${m[5]}`;
  // Halos and tips were painted in the old background colour (see standaloneSvg).
  return head + svg.slice(m[0].length).replaceAll(`"${oldBackground}"`, `"${background}"`);
}

/** The outer width and height of an SVG document, from its attributes or viewBox. */
export function svgSize(svg: string): { width: number; height: number } {
  const tag = /^\s*(?:<\?xml[^>]*>\s*)?<svg\b[^>]*>/.exec(svg)?.[0];
  if (!tag) throw new SiltError('bad-request', 'This is not an SVG document.');
  const attr = (name: string) => Number.parseFloat(new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? '');
  const box = new RegExp(`\\sviewBox="([^"]*)"`)
    .exec(tag)?.[1]
    .split(/[\s,]+/)
    .map(Number);
  const width = attr('width') || box?.[2] || 0;
  const height = attr('height') || box?.[3] || 0;
  if (!(width > 0 && height > 0)) throw new SiltError('bad-request', 'The SVG has no size (width/height or viewBox).');
  return { width, height };
}
