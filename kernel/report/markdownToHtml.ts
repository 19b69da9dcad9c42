/**
 * Markdown cells (and text/markdown outputs) as report HTML: GFM through marked, `$…$` and `$$…$$`
 * through KaTeX as MathML, which browsers draw without KaTeX's stylesheet and fonts, so the report
 * stays one small file. Raw HTML in the markdown is shown as text, never interpreted: a notebook
 * from someone else must not be able to put markup or script into a report.
 */
import katex from 'katex';
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './escapeHtml';

// Math is cut out before marked runs so that `_` and `*` inside formulas are not read as emphasis.
const MATH = /\$\$([\s\S]+?)\$\$|(?<![\\$\w])\$(?!\s)([^$\n]+?)(?<!\s)\$(?![\w$])/g;
const SAFE_URL = /^(https?:|mailto:|#|data:image\/(png|jpeg|gif|webp);)/i;

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
  },
  walkTokens(token) {
    if ((token.type === 'link' || token.type === 'image') && !isSafeUrl(token.href)) token.href = '#';
  },
});

function isSafeUrl(href: string): boolean {
  // Relative links stay (they point next to the report); schemes other than the web's are dropped.
  return SAFE_URL.test(href.trim()) || !/^[a-z][a-z0-9+.-]*:/i.test(href.trim());
}

export function markdownToHtml(source: string): string {
  const formulas: string[] = [];
  const withPlaceholders = source.replace(MATH, (_m, block: string | undefined, inline: string | undefined) => {
    const display = block !== undefined;
    const mathml = katex.renderToString((display ? block : inline) ?? '', { displayMode: display, throwOnError: false, output: 'mathml' });
    // HTML parsers place <math> in the MathML namespace themselves; the xmlns URL is only noise.
    formulas.push(mathml.replace(' xmlns="http://www.w3.org/1998/Math/MathML"', ''));
    return `@@MATH${formulas.length - 1}@@`;
  });
  const html = marked.parse(withPlaceholders) as string;
  return html.replace(/@@MATH(\d+)@@/g, (_m, i: string) => formulas[Number(i)] ?? '');
}

/** The first heading of the first markdown cell that has one, as plain text. */
export function firstHeading(sources: string[]): string | null {
  for (const s of sources) {
    const m = /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(s);
    if (m) return m[1].replace(/[*_`]/g, '').trim();
  }
  return null;
}
