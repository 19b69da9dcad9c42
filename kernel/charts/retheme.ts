/**
 * Recolouring a drawn chart (`retheme`, shared with the window through common/) and reading an SVG's
 * size, for chart exports.
 */
import { SiltError } from '../../common/SiltError';

export { retheme } from '../../common/chartTheme';

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
