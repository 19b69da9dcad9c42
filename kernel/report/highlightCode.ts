/**
 * A small, dependency-free highlighter for SQL and TypeScript cells in reports: comments, strings,
 * numbers and keywords get a class, everything else stays plain. It only has to look right on paper;
 * a full grammar would need the editor's parser in the kernel.
 */
import type { CodeLanguage } from '../protocol';
import { escapeHtml } from './escapeHtml';

const SQL_KEYWORDS = new Set(
  (
    'select from where group by order having limit offset join left right inner outer full cross on using as and or not in is null ' +
    'like ilike between case when then else end with union all distinct insert into values update set delete create table view ' +
    'replace drop alter if exists cast asc desc over partition window qualify true false pivot unpivot describe summarize'
  ).split(' '),
);

const TS_KEYWORDS = new Set(
  (
    'const let var function return if else for while do of in new await async class extends import export from type interface ' +
    'try catch finally throw typeof instanceof true false null undefined this switch case break continue default yield as void'
  ).split(' '),
);

// One alternation, tried left to right at each position: comments, then strings, numbers, words.
const SQL_TOKENS =
  /(--[^\n]*|\/\*[\s\S]*?\*\/)|('(?:[^']|'')*'?|"(?:[^"]|"")*"?)|(\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)/gi;
const TS_TOKENS =
  /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|('(?:[^'\\\n]|\\.)*'?|"(?:[^"\\\n]|\\.)*"?|`(?:[^`\\]|\\.)*`?)|(\b\d+(?:\.\d+)?(?:e[+-]?\d+)?n?\b)|([A-Za-z_$][A-Za-z0-9_$]*)/gi;

/** The source as HTML with `<span class="tok-…">` around comments, strings, numbers and keywords. */
export function highlightCode(source: string, language: CodeLanguage): string {
  const sql = language === 'sql';
  const pattern = sql ? SQL_TOKENS : TS_TOKENS;
  const keywords = sql ? SQL_KEYWORDS : TS_KEYWORDS;
  let out = '';
  let last = 0;
  for (const m of source.matchAll(pattern)) {
    out += escapeHtml(source.slice(last, m.index));
    const [text, comment, str, num, word] = m;
    const cls = comment
      ? 'tok-comment'
      : str
        ? 'tok-string'
        : num
          ? 'tok-number'
          : word && keywords.has(sql ? word.toLowerCase() : word)
            ? 'tok-keyword'
            : null;
    out += cls ? `<span class="${cls}">${escapeHtml(text)}</span>` : escapeHtml(text);
    last = m.index + text.length;
  }
  return out + escapeHtml(source.slice(last));
}
