/** The chart themes (defined once in common/, where the window recolours outputs with them too). */
export { CHART_THEMES, type ChartTheme } from '../../common/chartTheme';

/**
 * system-ui for browsers; then fonts Debian installs with Chromium, which resvg (it has no notion of
 * system-ui) needs to find real glyphs for PNG export.
 */
export const CHART_FONT = 'system-ui, "DejaVu Sans", "Liberation Sans", Arial, sans-serif';
