/** Reads chart SVG text the way a test needs it: the elements of one labelled mark group, attributes. */

/** The elements inside `<g aria-label="label" ...>…</g>` (mark groups do not nest further groups). */
export function markElements(svg: string, label: string): string[] {
  const start = svg.indexOf(`<g aria-label="${label}"`);
  if (start < 0) return [];
  const body = svg.slice(svg.indexOf('>', start) + 1, svg.indexOf('</g>', start));
  return body.match(/<(rect|path|circle|text|line|image)\b[^>]*?(?:\/>|>[^<]*<\/\1>)/g) ?? [];
}

export function attr(element: string, name: string): number {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(element);
  return m ? Number(m[1]) : NaN;
}

export function texts(svg: string, label: string): string[] {
  return markElements(svg, label).map((e) => />([^<]*)<\/text>/.exec(e)?.[1] ?? '');
}
