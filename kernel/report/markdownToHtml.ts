/**
 * Markdown cells (and text/markdown outputs) as report HTML: GFM through marked, `$…$` and `$$…$$`
 * through KaTeX as MathML, which browsers draw without KaTeX's stylesheet and fonts, so the report
 * stays one small file. Raw HTML in the markdown is shown as text, never interpreted: a notebook
 * from someone else must not be able to put markup or script into a report.
 */
import katex from 'katex';
import { Marked, type Tokens } from 'marked';
import { cutOutMath } from '../../common/markdownMath';
import { escapeHtml } from './escapeHtml';

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
  const math = cutOutMath(source, (tex, displayMode) => {
    const mathml = katex.renderToString(tex, { displayMode, throwOnError: false, output: 'mathml' });
    // HTML parsers place <math> in the MathML namespace themselves; the xmlns URL is only noise.
    return mathml.replace(' xmlns="http://www.w3.org/1998/Math/MathML"', '');
  });
  return math.restore(marked.parse(math.text) as string);
}

/** The first heading of the first markdown cell that has one, as plain text. */
export function firstHeading(sources: string[]): string | null {
  for (const s of sources) {
    const m = /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(s);
    if (m) return m[1].replace(/[*_`]/g, '').trim();
  }
  return null;
}
