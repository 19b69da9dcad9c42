/**
 * The WCAG contrast of every piece of text a page shows, against what is painted under it as the
 * browser composites it: an HTML element's text over the first background behind it, an SVG text
 * over the rects under its middle (a confusion matrix's translucent cells over the chart's own
 * background). Runs in the page (page.evaluate), so it must not close over anything.
 */
export interface TextContrast {
  text: string;
  /** 'svg' for chart text, else the element's tag. */
  where: string;
  colour: string;
  background: string;
  ratio: number;
}

export function measureTextContrast(): TextContrast[] {
  type RGBA = [number, number, number, number];
  const parse = (c: string): RGBA => {
    const n = (c.match(/[\d.]+/g) ?? []).map(Number);
    return [n[0] ?? 0, n[1] ?? 0, n[2] ?? 0, n.length > 3 ? n[3] : 1];
  };
  const over = (top: RGBA, under: RGBA, alpha = top[3]): RGBA =>
    [0, 1, 2].map((i) => alpha * top[i] + (1 - alpha) * under[i]).concat(1) as RGBA;
  const lum = (c: RGBA) => {
    const [r, g, b] = c.slice(0, 3).map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a: RGBA, b: RGBA) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const show = (c: RGBA) => `rgb(${c.slice(0, 3).map(Math.round).join(', ')})`;
  const visible = (e: Element) => e.getClientRects().length > 0;

  /** The colour behind an HTML element: its own background and its ancestors', over the page's (white when none). */
  const htmlBackground = (e: Element | null): RGBA => {
    const layers: RGBA[] = [];
    for (let x = e; x; x = x.parentElement) {
      const c = parse(getComputedStyle(x).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    return layers.reduceRight<RGBA>((under, c) => over(c, under), [255, 255, 255, 1]);
  };

  const out: TextContrast[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set<Element>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement;
    if (!e || seen.has(e) || !n.textContent?.trim() || !visible(e) || e.closest('svg')) continue;
    seen.add(e);
    const style = getComputedStyle(e);
    const back = htmlBackground(e);
    const ink = over(parse(style.color), back, parse(style.color)[3] * Number(style.opacity));
    out.push({
      text: e.textContent!.trim().slice(0, 60),
      where: e.tagName.toLowerCase(),
      colour: show(ink),
      background: show(back),
      ratio: ratio(ink, back),
    });
  }

  for (const svg of Array.from(document.querySelectorAll('svg'))) {
    if (!visible(svg) || svg.parentElement?.closest('svg')) continue;
    const rects = Array.from(svg.querySelectorAll('rect')).filter(visible);
    const page = htmlBackground(svg.parentElement);
    for (const t of Array.from(svg.querySelectorAll('text'))) {
      if (!t.textContent?.trim() || !visible(t)) continue;
      const box = t.getBoundingClientRect();
      const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
      let back = page;
      // Rects in document order are painted in that order: each one under the text's middle covers the last.
      for (const r of rects) {
        const b = r.getBoundingClientRect();
        if (cx < b.left || cx > b.right || cy < b.top || cy > b.bottom) continue;
        const s = getComputedStyle(r);
        if (s.fill === 'none') continue;
        back = over(parse(s.fill), back, Number(s.fillOpacity) * Number(s.opacity) * parse(s.fill)[3]);
      }
      const s = getComputedStyle(t);
      const ink = over(parse(s.fill), back, Number(s.fillOpacity) * Number(s.opacity) * parse(s.fill)[3]);
      out.push({
        text: t.textContent.trim().slice(0, 60),
        where: 'svg',
        colour: show(ink),
        background: show(back),
        ratio: ratio(ink, back),
      });
    }
  }
  return out;
}
