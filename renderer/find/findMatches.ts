/**
 * Find and replace across a notebook, as pure functions: which texts are searched (cell sources, and
 * stream and error outputs), where the query matches in each, and what a replacement makes of a source.
 * Positions are UTF-16 offsets, the same as CodeMirror's, so a match can become an editor selection.
 */
import type { Cell } from '../../kernel/protocol/notebook';

export interface FindOptions {
  query: string;
  matchCase: boolean;
  wholeWord: boolean;
  regex: boolean;
  /** Which texts are searched: code cells' sources, markdown cells' sources, stream and error outputs. */
  scope: { code: boolean; markdown: boolean; outputs: boolean };
}

export interface FindMatch {
  cellId: string;
  /** `source` can be replaced; `output` (stream or error text) is read-only. */
  part: 'source' | 'output';
  /** For an output match: the index of the output in the cell. */
  outputIndex?: number;
  from: number;
  to: number;
  /** What `$1`, `$<name>` refer to, for the replacement of this match. */
  groups: (string | undefined)[];
  named?: Record<string, string | undefined>;
}

export type CompiledQuery = { ok: true; re: RegExp; regex: boolean } | { ok: false; error: string } | null;

const WORD = '[\\p{L}\\p{N}_]';

/** The query as a global regular expression; `null` for an empty query; an error message for a bad regex. */
export function compileQuery(o: Pick<FindOptions, 'query' | 'matchCase' | 'wholeWord' | 'regex'>): CompiledQuery {
  if (o.query === '') return null;
  const body = o.regex ? o.query : o.query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // In a regex, ^ and $ are line edges, as in an editor's find.
  const flags = `g${o.matchCase ? '' : 'i'}${o.regex ? 'm' : ''}`;
  // Unicode mode first (so `.` and case folding work on whole characters, and \p{L} exists); a regex
  // written for the older syntax (`\-` outside a class) falls back to it, with ASCII word edges.
  const attempts: [string, string][] = [
    [o.wholeWord ? `(?<!${WORD})(?:${body})(?!${WORD})` : body, flags + 'u'],
    [o.wholeWord ? `(?<!\\w)(?:${body})(?!\\w)` : body, flags],
  ];
  let first: Error | null = null;
  for (const [source, f] of attempts) {
    try {
      return { ok: true, re: new RegExp(source, f), regex: o.regex };
    } catch (e) {
      first ??= e as Error;
    }
  }
  return { ok: false, error: `Not a valid regular expression: ${first!.message.replace(/^Invalid regular expression: /, '')}` };
}

/** Every match of `re` in `text`, zero-length ones included (as `^` or `a*` find them), never looping. */
export function matchesIn(
  text: string,
  re: RegExp,
): { from: number; to: number; groups: (string | undefined)[]; named?: Record<string, string | undefined> }[] {
  const out = [];
  const r = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  for (let m = r.exec(text); m; m = r.exec(text)) {
    out.push({ from: m.index, to: m.index + m[0].length, groups: m.slice(1), ...(m.groups ? { named: { ...m.groups } } : {}) });
    if (m[0].length === 0) {
      // Step over one whole character: a surrogate pair is one character in unicode mode.
      const code = text.codePointAt(r.lastIndex);
      r.lastIndex += r.unicode && code !== undefined && code > 0xffff ? 2 : 1;
    }
    if (r.lastIndex > text.length) break;
  }
  return out;
}

/** The searchable text of an output: stream text and error text; tables and rich outputs have none. */
export function outputText(cell: Cell, index: number): string | null {
  if (cell.type !== 'code') return null;
  const o = cell.outputs[index];
  if (o?.kind === 'stream') return o.text;
  if (o?.kind === 'error') return [`${o.ename}: ${o.message}`, ...o.traceback].join('\n');
  return null;
}

/** All matches in notebook order: each cell's source, then its outputs. */
export function findMatches(cells: readonly Cell[], options: FindOptions): { matches: FindMatch[]; error: string | null } {
  const q = compileQuery(options);
  if (q === null) return { matches: [], error: null };
  if (!q.ok) return { matches: [], error: q.error };
  const matches: FindMatch[] = [];
  for (const cell of cells) {
    const inScope = cell.type === 'code' ? options.scope.code : cell.type === 'markdown' ? options.scope.markdown : false;
    if (inScope) for (const m of matchesIn(cell.source, q.re)) matches.push({ cellId: cell.id, part: 'source', ...m });
    if (options.scope.outputs && cell.type === 'code') {
      cell.outputs.forEach((_, i) => {
        const text = outputText(cell, i);
        if (text) for (const m of matchesIn(text, q.re)) matches.push({ cellId: cell.id, part: 'output', outputIndex: i, ...m });
      });
    }
  }
  return { matches, error: null };
}

/**
 * The text that replaces one match. With a regex, `$1`…`$99`, `$<name>`, `$&` and `$$` mean what they
 * mean in String.prototype.replace; a plain-text search inserts the replacement as written.
 */
export function expandReplacement(template: string, match: FindMatch, matched: string, regex: boolean): string {
  if (!regex) return template;
  return template.replace(/\$(\$|&|<([^>]*)>|(\d{1,2}))/g, (all, what: string, name?: string, digits?: string) => {
    if (what === '$') return '$';
    if (what === '&') return matched;
    if (name !== undefined) return match.named ? (match.named[name] ?? '') : all;
    const n = Number(digits);
    // `$12` with only one group is `$1` then "2", as in String.prototype.replace.
    if (n >= 1 && n <= match.groups.length) return match.groups[n - 1] ?? '';
    const one = Number(digits![0]);
    if (digits!.length === 2 && one >= 1 && one <= match.groups.length) return (match.groups[one - 1] ?? '') + digits![1];
    return all;
  });
}

/** `source` with the given matches (all of one source, any order) replaced. */
export function replaceInSource(source: string, matches: readonly FindMatch[], template: string, regex: boolean): string {
  const sorted = [...matches].sort((a, b) => b.from - a.from);
  let out = source;
  for (const m of sorted) out = out.slice(0, m.from) + expandReplacement(template, m, source.slice(m.from, m.to), regex) + out.slice(m.to);
  return out;
}
