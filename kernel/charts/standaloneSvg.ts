/**
 * Turns what Plot returns (an <svg>, or a <figure> holding a title, legends, the <svg> and a caption)
 * into one standalone SVG document: namespaces declared, explicit size and viewBox, a background,
 * fonts that exist on the machine, and no CSS that depends on an HTML page. HTML parts of the figure
 * (headings, swatch legends) are redrawn as SVG text and shapes.
 */
import { CHART_FONT, CHART_THEMES, type ChartTheme } from './chartTheme';
import { toXml, type ChartNode } from './plotRuntime';

const PAD = 10;
const SWATCH_ROW = 20;

interface Block {
  height: number;
  width: number;
  /** SVG markup placed with its top-left corner at (x, y). */
  draw(x: number, y: number): string;
}

export function standaloneSvg(node: ChartNode, opts: { theme?: ChartTheme } = {}): string {
  const theme = CHART_THEMES[opts.theme ?? 'light'];
  // A figure holds the parts; anything else (an svg, a lone legend) is the only part.
  const parts = node.tagName.toLowerCase() === 'figure' ? Array.from(node.children) : [node];
  const chart = node.tagName.toLowerCase() === 'svg' ? node : parts.find(isMainSvg);
  const chartWidth = chart ? size(chart, 'width', 640) : 640;
  const classes = new Set<string>();
  const blocks: Block[] = [];
  // The heading also names the document: an <img>'s alt and a saved file's name are taken from it.
  const heading = parts.find((p) => p.tagName.toLowerCase() === 'h2')?.textContent?.trim();
  for (const part of parts) {
    const tag = part.tagName.toLowerCase();
    if (tag === 'h2') blocks.push(textBlock(part.textContent ?? '', 16, 'font-weight="600"', 24));
    else if (tag === 'h3') blocks.push(textBlock(part.textContent ?? '', 13, 'fill-opacity="0.75"', 20));
    else if (tag === 'figcaption') blocks.push(textBlock(part.textContent ?? '', 12, 'fill-opacity="0.75"', 22));
    else if (tag === 'div' && /-swatches\b/.test(part.getAttribute('class') ?? '')) blocks.push(swatchBlock(part, chartWidth));
    else if (tag === 'svg') {
      const cls = part.getAttribute('class');
      if (cls) classes.add(cls.split(/\s+/)[0]);
      blocks.push(svgBlock(part, part !== chart));
    }
  }
  const width = Math.ceil(Math.max(chartWidth, ...blocks.map((b) => b.width)) + 2 * PAD);
  let y = PAD;
  const body: string[] = [];
  for (const b of blocks) {
    body.push(b.draw(PAD, y));
    y += b.height;
  }
  const height = Math.ceil(y + PAD);
  // Plot's own stylesheet sizes the svg for an HTML page (height: auto), which would stretch a nested
  // <svg>; only the rule that keeps repeated spaces in labels is worth keeping.
  const style = [...classes].map((c) => `.${c} text, .${c} tspan { white-space: pre; }`).join('\n');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${escapeXml(CHART_FONT)}" font-size="10" color="${theme.foreground}" fill="currentColor">` +
    (heading ? `<title>${escapeXml(heading)}</title>` : '') +
    (style ? `<style>${style}</style>` : '') +
    `<rect width="${width}" height="${height}" fill="${theme.background}"/>` +
    body.join('') +
    `</svg>`;
  // Plot paints halos and tips in the page's background colour through a CSS variable.
  return svg.replaceAll('var(--plot-background)', theme.background);
}

function isMainSvg(n: ChartNode): boolean {
  const cls = n.getAttribute('class') ?? '';
  return n.tagName.toLowerCase() === 'svg' && /^plot-[0-9a-f]+$/.test(cls.split(/\s+/)[0]) && !/-(ramp|swatch)/.test(cls);
}

function size(n: ChartNode, attr: 'width' | 'height', fallback: number): number {
  const v = Number.parseFloat(n.getAttribute(attr) ?? '');
  return Number.isFinite(v) ? v : fallback;
}

function textBlock(text: string, fontSize: number, attrs: string, lineHeight: number): Block {
  const lines = text.split('\n');
  return {
    height: lines.length * lineHeight,
    width: Math.max(...lines.map((l) => textWidth(l, fontSize))),
    draw: (x, y) =>
      lines
        .map((l, i) => `<text x="${x}" y="${y + (i + 0.72) * lineHeight}" font-size="${fontSize}" ${attrs}>${escapeXml(l)}</text>`)
        .join(''),
  };
}

/** A nested <svg> (the chart itself, or a ramp legend) placed at its own size. */
function svgBlock(n: ChartNode, isLegend: boolean): Block {
  const copy = n.cloneNode(true);
  // A ramp legend's end labels overhang its box by half their width.
  if (isLegend) copy.setAttribute('overflow', 'visible');
  for (const s of Array.from(copy.querySelectorAll('style'))) s.remove();
  copy.removeAttribute('style');
  if (copy.getAttribute('font-family')) copy.setAttribute('font-family', CHART_FONT);
  const width = size(copy, 'width', 640);
  const height = size(copy, 'height', 400);
  if (!copy.getAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return {
    width,
    height,
    draw(x, y) {
      copy.setAttribute('x', String(x));
      copy.setAttribute('y', String(y));
      return nestedXml(copy);
    },
  };
}

/**
 * An element's XML without its own namespace declarations: the outer document declares svg and xlink
 * once. (jsdom names the xlink namespace ns1, ns2, … when d3 set the attribute without a prefix.)
 */
function nestedXml(n: ChartNode): string {
  let xml = toXml(n);
  for (const [decl, prefix] of xml.matchAll(/ xmlns:(\w+)="http:\/\/www\.w3\.org\/1999\/xlink"/g)) {
    xml = xml.replaceAll(decl, '').replaceAll(` ${prefix}:`, ' xlink:');
  }
  return xml.replace(/ xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '');
}

/** Plot's HTML swatch legend (a swatch <svg> and a label per entry), wrapped into rows. */
function swatchBlock(div: ChartNode, maxWidth: number): Block {
  const items = Array.from(div.querySelectorAll('span')).flatMap((span) => {
    const swatch = span.querySelector('svg');
    return swatch ? [{ swatch, label: span.textContent ?? '' }] : [];
  });
  const placed: { swatch: ChartNode; label: string; dx: number; row: number }[] = [];
  let dx = 0;
  let row = 0;
  for (const it of items) {
    const w = size(it.swatch, 'width', 15) + 5 + textWidth(it.label, 10) + 14;
    if (dx > 0 && dx + w > maxWidth) {
      dx = 0;
      row++;
    }
    placed.push({ ...it, dx, row });
    dx += w;
  }
  const rows = placed.length ? row + 1 : 0;
  return {
    height: rows * SWATCH_ROW + (rows ? 6 : 0),
    width: 0,
    draw: (x, y) =>
      placed
        .map((p) => {
          const w = size(p.swatch, 'width', 15);
          const h = size(p.swatch, 'height', 15);
          const top = y + p.row * SWATCH_ROW + (SWATCH_ROW - h) / 2;
          const copy = p.swatch.cloneNode(true);
          copy.setAttribute('x', String(x + p.dx));
          copy.setAttribute('y', String(top));
          copy.setAttribute('overflow', 'visible');
          const swatch = nestedXml(copy);
          return `${swatch}<text x="${x + p.dx + w + 5}" y="${top + h / 2}" dy="0.35em">${escapeXml(p.label)}</text>`;
        })
        .join(''),
  };
}

/** Rough advance width of sans-serif text; good enough to wrap legends and size the page. */
function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
