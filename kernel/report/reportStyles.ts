/**
 * The report's stylesheet, embedded in every HTML report. System fonts only: a report must not
 * fetch anything to look right, on screen or when printed to PDF.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d2327; --muted: #5f6b73; --line: #dde3e8; --code-bg: #f6f8fa; --accent: #1f6f8b; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 32px 40px 64px; }
header.report-header { border-bottom: 2px solid var(--accent); margin-bottom: 28px; padding-bottom: 12px; }
header.report-header h1 { margin: 0 0 6px; font-size: 28px; line-height: 1.25; }
header.report-header .byline { color: var(--muted); font-size: 14px; }
section.cell { margin: 0 0 22px; break-inside: auto; }
.markdown h1, .markdown h2, .markdown h3 { line-height: 1.3; margin: 18px 0 8px; }
.markdown p { margin: 8px 0; }
.markdown code { background: var(--code-bg); padding: 1px 4px; border-radius: 3px; font-size: 0.92em; }
math[display="block"] { margin: 10px 0; font-size: 1.15em; }
.code { border: 1px solid var(--line); border-radius: 6px; background: var(--code-bg); margin-bottom: 8px; break-inside: avoid; }
.code .lang { display: block; padding: 3px 10px; border-bottom: 1px solid var(--line); color: var(--muted); font: 600 11px/1.6 system-ui, sans-serif; text-transform: uppercase; letter-spacing: 0.04em; }
pre { margin: 0; padding: 8px 10px; white-space: pre-wrap; word-break: break-word; font: 13px/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.tok-keyword { color: #8a3ab9; font-weight: 600; }
.tok-string { color: #0b7a3e; }
.tok-number { color: #b35900; }
.tok-comment { color: #6a737d; font-style: italic; }
.outputs > * { margin: 6px 0; }
pre.stream { background: #fbfbfb; border-left: 3px solid var(--line); }
pre.stream-stderr { border-left-color: #e0a030; background: #fffaf0; }
pre.error { background: #fdf1f1; border-left: 3px solid #c62828; color: #7f1d1d; }
pre.rich-text { background: #fbfbfb; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 9px; text-align: left; vertical-align: top; }
th { background: #eef2f5; font-weight: 600; }
th .coltype { display: block; color: var(--muted); font-weight: 400; font-size: 10.5px; }
td.quality-pass { color: #1e7d4d; } td.quality-warn { color: #a86400; } td.quality-fail { color: #b3261e; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td[data-null] { color: var(--muted); font-style: italic; }
tr { break-inside: avoid; }
p.rowcount { color: var(--muted); font-size: 12px; margin: 4px 0 0; }
img.chart { display: block; max-width: 100%; height: auto; break-inside: avoid; }
iframe.html-output { width: 100%; resize: vertical; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
@media print { main { padding: 0; max-width: none; } a { color: inherit; } }
@page { margin: 16mm 14mm; }
`;
