/**
 * The frame every HTML report shares: styles embedded, a Content-Security-Policy that forbids scripts
 * and every network fetch (opening a report, even one built from a stranger's notebook, runs nothing
 * and tells no server it was opened), and the title and byline header.
 */
import { escapeHtml } from './escapeHtml';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-src 'self'";

export interface ReportPage {
  title: string;
  /** Author and date, already joined and escaped. */
  byline: string;
  css: string;
  /** Classes of the page's <main>, e.g. `dashboard`. */
  mainClass?: string;
  /** The page's content, already HTML. */
  body: string;
}

export function reportPage(p: ReportPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Silt">
<title>${escapeHtml(p.title)}</title>
<style>${p.css}</style>
</head>
<body>
<main${p.mainClass ? ` class="${p.mainClass}"` : ''}>
<header class="report-header">
<h1>${escapeHtml(p.title)}</h1>
<div class="byline">${p.byline}</div>
</header>
${p.body}
</main>
</body>
</html>
`;
}
