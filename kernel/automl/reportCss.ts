/**
 * The AutoML report's stylesheet, in both looks. The report follows its reader's
 * `prefers-color-scheme`: it is a file sent to others, opened on their screens, projected or
 * printed, and their setting says what they can read. The look Silt was in when it was exported
 * only fills in where the reader's browser states no preference (an old engine, some mail and
 * HTML viewers), so exporting from a dark window never forces a dark page on anyone. Paper is
 * always light. Shown inside Silt (a cell's frame), the look is Silt's own: the renderer marks the
 * page's <html> with `data-silt-look`, since a sandboxed frame only sees the system's setting. Every text colour reaches WCAG AA (4.5:1) on its background in both looks.
 */
import { CHART_THEMES, type ChartTheme } from '../charts/chartTheme';
import { SILT_LOOK_ATTRIBUTE } from '../../common/withSiltLook';

const LOOKS: Record<ChartTheme, string> = {
  light: `--page:${CHART_THEMES.light.background};--ink:${CHART_THEMES.light.foreground};--muted:#57606a;--line:#c9cfd6;--head:#eef1f4;--warn-line:#b36200;--warn-bg:#fff4e0;--bar:#3f7f5a;`,
  dark: `--page:${CHART_THEMES.dark.background};--ink:${CHART_THEMES.dark.foreground};--muted:#a3abb6;--line:#3d444d;--head:#2a3038;--warn-line:#e39b3c;--warn-bg:#33291b;--bar:#6fbf8a;`,
};

/** Each chart is embedded drawn in both looks; only the reader's is displayed (the other is not read out either). */
const show = (t: ChartTheme, root = ':root') =>
  `${root}{${LOOKS[t]}color-scheme:${t}}${root} .chart-${t}{display:block}${root} .chart-${t === 'light' ? 'dark' : 'light'}{display:none}`;

/** The look of Silt's window, when the page is shown in it (more specific than the media queries). */
const silt = (t: ChartTheme) => show(t, `html[${SILT_LOOK_ATTRIBUTE}=${t}]`);

export function reportCss(exported: ChartTheme): string {
  return `${show(exported)}
@media (prefers-color-scheme: light){${show('light')}}
@media (prefers-color-scheme: dark){${show('dark')}}
@media screen{${silt('light')}${silt('dark')}}
@media print{${show('light')}}
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;padding:0 2em;max-width:1000px;background:var(--page);color:var(--ink)}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid var(--line);padding:3px 8px;text-align:left}th{background:var(--head)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.note{color:var(--muted)}
figure{display:inline-block;vertical-align:top;margin:0 1em 1em 0;max-width:100%}figcaption{font-weight:600}figure>div>svg{max-width:100%;height:auto}
.bar{background:var(--bar);height:10px}
.warnings{border-left:4px solid var(--warn-line);background:var(--warn-bg);padding:.2em 1em;margin:1em 0}.warnings h2{font-size:1.05em;margin:.5em 0}`;
}
