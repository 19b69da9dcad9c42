/**
 * Finds the shared tables a SQL cell names and rewrites each reference to a view name the session
 * will create. Names follow the protocol's own `share.schema.table` (or `profile.share.schema.table`
 * when several profiles are open), and time travel and change data feed use the Delta SQL forms
 * analysts already know: `t VERSION AS OF 3`, `t TIMESTAMP AS OF '2026-01-01'`,
 * `table_changes('share.schema.table', 2[, 5])`.
 */
import { quoteIdent } from '../../../common/sqlQuote';
import { formatTableName } from '../../../common/tableName';
import { tokenizeSql, type Token } from '../../../common/sqlTokens';
import { impliedAliases, type AliasCandidate } from './impliedAliases';
import { qualifierEdits, type QualifierCandidate, type ReadTable } from './qualifiedColumns';
import type { KnownTable, RefEdit } from './RefEdit';
import { SharedRefError } from './SharedRefError';

export type { KnownTable, RefEdit } from './RefEdit';
export { SharedRefError } from './SharedRefError';

export interface SharedRef {
  /** The view name that replaces the reference in the SQL. */
  view: string;
  table: KnownTable;
  version?: number;
  timestamp?: string;
  changes?: { starting: number | string; ending?: number | string };
}

/** A name that should be a shared table (table_changes' argument) but is not one of the listed tables. */
export class UnknownSharedTableError extends SharedRefError {
  constructor(
    message: string,
    readonly parts: string[],
  ) {
    super(message);
  }
}

export function findSharedRefs(sql: string, known: KnownTable[]): { sql: string; refs: SharedRef[]; edits: RefEdit[] } {
  const tokens = tokenizeSql(sql);
  const refs = new Map<string, SharedRef>();
  const edits: RefEdit[] = [];
  const candidates: AliasCandidate[] = [];
  const read: ReadTable[] = [];
  const qualifiers: QualifierCandidate[] = [];
  const code = tokens.map((t, i) => ({ t, i })).filter(({ t }) => t.kind !== 'space' && t.kind !== 'comment');
  for (let k = 0; k < code.length; k++) {
    const t = code[k].t;
    if (t.kind === 'ident' && t.value.toLowerCase() === 'table_changes' && code[k + 1]?.t.text === '(') {
      const args: Token[] = [];
      let j = k + 2;
      for (; j < code.length && code[j].t.text !== ')'; j++) if (code[j].t.text !== ',') args.push(code[j].t);
      if (args[0]?.kind !== 'string') continue;
      const table = lookup(args[0].value.split('.'), known);
      if (!table) {
        throw new UnknownSharedTableError(
          `table_changes: "${args[0].value}" is not a shared table of an open profile.`,
          args[0].value.split('.'),
        );
      }
      if (!args[1])
        throw new SharedRefError("table_changes needs a starting version or timestamp: table_changes('share.schema.table', 2[, 5]).");
      const starting = bound(args[1]);
      const ending = args[2] ? bound(args[2]) : undefined;
      const view = `changes(${formatTableName(table)},${starting}${ending !== undefined ? `,${ending}` : ''})`;
      refs.set(view, { view, table, changes: { starting, ...(ending !== undefined ? { ending } : {}) } });
      edits.push({ start: t.start, end: code[j].t.end, text: quoteIdent(view), view });
      candidates.push({ first: k, last: j, alias: args[0].value.split('.').pop()! });
      read.push({ first: k, last: j, table, view });
      k = j;
      continue;
    }
    if (t.kind !== 'ident' && t.kind !== 'quoted') continue;
    // The whole dotted chain starting here: a table (a.b.c or a.b.c.d), or a column and its qualifier.
    const parts: string[] = [t.value];
    let j = k;
    while (code[j + 1]?.t.text === '.' && (code[j + 2]?.t.kind === 'ident' || code[j + 2]?.t.kind === 'quoted')) {
      parts.push(code[j + 2].t.value);
      j += 2;
    }
    if (k > 0 && code[k - 1].t.text === '.') {
      k = j;
      continue;
    }
    // `demo.silver.orders.*` qualifies a star: the name before it is never the table read.
    const star = code[j + 1]?.t.text === '.' && code[j + 2]?.t.text === '*';
    const table = !star && parts.length >= 3 && parts.length <= 4 ? lookup(parts, known) : undefined;
    if (!table) {
      if (parts.length >= (star ? 2 : 3)) qualifiers.push({ first: k, last: j, parts, star });
      k = j;
      continue;
    }
    let end = code[j].t.end;
    let version: number | undefined;
    let timestamp: string | undefined;
    const kw = (n: number) => code[j + n]?.t.value.toLowerCase();
    if ((kw(1) === 'version' || kw(1) === 'timestamp') && kw(2) === 'as' && kw(3) === 'of' && code[j + 4]) {
      const v = code[j + 4].t;
      if (kw(1) === 'version') {
        if (v.kind !== 'number' || !/^\d+$/.test(v.value)) throw new SharedRefError(`VERSION AS OF needs a whole number, not ${v.text}.`);
        version = Number(v.value);
      } else {
        if (v.kind !== 'string')
          throw new SharedRefError(`TIMESTAMP AS OF needs a quoted timestamp such as '2026-01-01T00:00:00Z', not ${v.text}.`);
        timestamp = v.value;
      }
      end = v.end;
      j += 4;
    }
    const view = formatTableName(table) + (version !== undefined ? `@v${version}` : timestamp !== undefined ? `@${timestamp}` : '');
    refs.set(view, { view, table, ...(version !== undefined ? { version } : {}), ...(timestamp !== undefined ? { timestamp } : {}) });
    edits.push({ start: code[k].t.start, end, text: quoteIdent(view), view });
    candidates.push({ first: k, last: j, alias: parts[parts.length - 1] });
    read.push({ first: k, last: j, table, view });
    k = j;
  }
  // The alias goes inside the edit, so an offset in it maps back to the start of the analyst's name.
  const codeTokens = code.map((c) => c.t);
  const aliased = impliedAliases(codeTokens, candidates);
  for (const i of aliased) {
    edits[i].text += ` AS ${quoteIdent(candidates[i].alias)}`;
    edits[i].alias = candidates[i].alias;
    read[i].addedAlias = candidates[i].alias;
  }
  if (read.length > 0) edits.push(...qualifierEdits(sql, codeTokens, qualifiers, read));
  let out = sql;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { sql: out, refs: [...refs.values()], edits: edits.sort((a, b) => a.start - b.start) };
}

/** Matches a dotted name against the open profiles' tables, case-insensitively (§Names). */
function lookup(parts: string[], known: KnownTable[]): KnownTable | undefined {
  const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const [table, schema] = [parts[parts.length - 1], parts[parts.length - 2]];
  const head = parts.slice(0, -2);
  const matches = known.filter((k) => eq(k.table, table) && eq(k.schema, schema));
  // share.schema.table, where the share name itself may contain dots (quoted or not)
  const byShare = matches.filter((k) => eq(k.share, head.join('.')));
  if (byShare.length === 1) return byShare[0];
  if (byShare.length > 1) {
    throw new SharedRefError(
      `"${parts.join('.')}" is shared by several open profiles (${byShare.map((k) => k.profile).join(', ')}); write profile.share.schema.table.`,
    );
  }
  if (head.length >= 2) return matches.find((k) => eq(k.profile, head[0]) && eq(k.share, head.slice(1).join('.')));
  return undefined;
}

function bound(t: Token): number | string {
  if (t.kind === 'number' && /^\d+$/.test(t.value)) return Number(t.value);
  if (t.kind === 'string') return t.value;
  throw new SharedRefError(`table_changes bounds are versions (numbers) or quoted timestamps, not ${t.text}.`);
}
