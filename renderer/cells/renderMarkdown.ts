/** Markdown → safe HTML: GFM via marked, `$…$` / `$$…$$` math via KaTeX. */
import katex from 'katex';
import { marked } from 'marked';
import { cutOutMath } from '../../common/markdownMath';
import { sanitizeHtml } from '../outputs/sanitizeHtml';

export function renderMarkdown(source: string): string {
  const math = cutOutMath(source, (tex, displayMode) => katex.renderToString(tex, { displayMode, throwOnError: false, output: 'html' }));
  const html = marked.parse(math.text, { gfm: true, async: false }) as string;
  // Formulas go back after sanitizing: KaTeX's markup is trusted, and the sanitizer would strip it.
  return math.restore(sanitizeHtml(html));
}
