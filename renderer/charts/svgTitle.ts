/**
 * A chart's own name, from the <title> a standalone chart SVG opens with (kernel/charts/standaloneSvg.ts):
 * for the image's accessible name and the file it is saved to, so a forecast is not "SVG output" to
 * a screen reader nor "chart.png" on disk (each chart saved over the last).
 */
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

export function svgTitle(svg: string): string | null {
  const m = /^<svg\b[^>]*>\s*<title>([^<]{1,200})<\/title>/.exec(svg);
  return m ? m[1].replace(/&(amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e]).trim() || null : null;
}

/** "temp_max: next 14 days" → "temp_max-next-14-days"; "chart" for an untitled chart. */
export function chartFileName(svg: string): string {
  const slug = (svgTitle(svg) ?? '')
    .replace(/[^\p{L}\p{N}_.-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60)
    .replace(/[-.]+$/, '');
  return slug || 'chart';
}
