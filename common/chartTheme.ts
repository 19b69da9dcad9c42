/**
 * The two looks a chart can be drawn in, and the step that switches a drawn chart from one to the
 * other. Pure string work, so the kernel (exports, reports) and the window (outputs following the
 * app's theme) recolour charts the same way.
 */
export type ChartTheme = 'light' | 'dark';

/** The background is part of the SVG so a chart reads the same in the app, a file or a report. */
export const CHART_THEMES: Record<ChartTheme, { background: string; foreground: string }> = {
  light: { background: '#ffffff', foreground: '#1b1f24' },
  dark: { background: '#1e2227', foreground: '#d7dae0' },
};

/** The root element (with its title) and background rect that standaloneSvg draws: what marks a chart retheme can recolour. */
const THEMED_HEAD =
  /^(<svg\b[^>]*\scolor=")([^"]*)("[^>]*>(?:<title>[^<]*<\/title>)?(?:<style>[^<]*<\/style>)?<rect [^>]*fill=")([^"]*)(")/;

/** Whether retheme can recolour this SVG (Silt drew it); other SVG keeps its own colours. */
export function isThemedChart(svg: string): boolean {
  return THEMED_HEAD.test(svg);
}

/**
 * Switches a chart SVG drawn by the kernel's standaloneSvg to another theme (its background and text
 * colour sit on the root element and the first rect), whatever theme it was drawn in. SVG from
 * elsewhere is returned unchanged.
 */
export function retheme(svg: string, theme: ChartTheme): string {
  const { background, foreground } = CHART_THEMES[theme];
  const m = THEMED_HEAD.exec(svg);
  if (!m) return svg;
  const oldBackground = m[4];
  if (oldBackground === background && m[2] === foreground) return svg;
  const head = `${m[1]}${foreground}${m[3]}${background}${m[5]}`;
  // Halos and tips were painted in the old background colour (see standaloneSvg).
  return head + svg.slice(m[0].length).replaceAll(`"${oldBackground}"`, `"${background}"`);
}
