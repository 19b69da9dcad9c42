/** The two looks a chart can be drawn in; the background is part of the SVG so it reads the same everywhere. */
import type { ChartTheme } from '../protocol/charts';

export type { ChartTheme };

export const CHART_THEMES: Record<ChartTheme, { background: string; foreground: string }> = {
  light: { background: '#ffffff', foreground: '#1b1f24' },
  dark: { background: '#1e2227', foreground: '#d7dae0' },
};

/**
 * system-ui for browsers; then fonts Debian installs with Chromium, which resvg (it has no notion of
 * system-ui) needs to find real glyphs for PNG export.
 */
export const CHART_FONT = 'system-ui, "DejaVu Sans", "Liberation Sans", Arial, sans-serif';
