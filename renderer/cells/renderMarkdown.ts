/** Markdown → safe HTML: GFM via marked, `$…$` / `$$…$$` math via KaTeX. */
import katex from 'katex';
import { marked } from 'marked';
import { sanitizeHtml } from '../outputs/sanitizeHtml';

// Math is cut out before marked runs so that `_` and `*` inside formulas are not read as emphasis.
const MATH = /\$\$([\s\S]+?)\$\$|(?<![\\$\w])\$(?!\s)([^$\n]+?)(?<!\s)\$(?![\w$])/g;

export function renderMarkdown(source: string): string {
  const formulas: string[] = [];
  const withPlaceholders = source.replace(MATH, (_m, block: string | undefined, inline: string | undefined) => {
    const display = block !== undefined;
    formulas.push(katex.renderToString((display ? block : inline) ?? '', { displayMode: display, throwOnError: false, output: 'html' }));
    return `@@MATH${formulas.length - 1}@@`;
  });
  const html = marked.parse(withPlaceholders, { gfm: true, async: false }) as string;
  const safe = sanitizeHtml(html);
  return safe.replace(/@@MATH(\d+)@@/g, (_m, i: string) => formulas[Number(i)] ?? '');
}
