/**
 * WCAG 2 contrast between two colours, and the colour a reader sees where a translucent fill lies
 * over a background. Charts pick a text colour from the colour under it, and tests check what the
 * page shows, with the same arithmetic.
 */
export type RGB = readonly [number, number, number];

/** `#rrggbb`, `#rgb`, `rgb(r, g, b)` or `rgba(…)` (alpha ignored), `white`, `black`. */
export function parseColour(c: string): RGB {
  const s = c.trim().toLowerCase();
  if (s === 'white') return [255, 255, 255];
  if (s === 'black') return [0, 0, 0];
  const rgb = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(s);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(s);
  if (long) return [parseInt(long[1], 16), parseInt(long[2], 16), parseInt(long[3], 16)];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (short) return [parseInt(short[1], 16) * 17, parseInt(short[2], 16) * 17, parseInt(short[3], 16) * 17];
  throw new Error(`not a colour Silt can read: ${c}`);
}

/** `fill` at `opacity` over `under`, blended as browsers blend: in sRGB values, not linear light. */
export function composite(fill: RGB, under: RGB, opacity: number): RGB {
  return fill.map((v, i) => opacity * v + (1 - opacity) * under[i]) as unknown as RGB;
}

function luminance(c: RGB): number {
  const [r, g, b] = c.map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** From 1 (same luminance) to 21 (black on white); AA asks 4.5 for body text. */
export function contrastRatio(a: RGB, b: RGB): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
