/**
 * Which names to offer at the cursor. Columns are only useful for the tables a statement reads, so
 * when the cell names tables, their columns come first and others are left out; after `alias.` or
 * `table.` only that table's columns are offered.
 */
import type { NameInfo } from '../../kernel/protocol/messages';

export interface NameOption {
  label: string;
  kind: NameInfo['kind'];
  detail: string;
  boost: number;
}

/** `word` is the dotted word before the cursor; the options replace the part after `from` characters of it. */
export function completionOptions(names: NameInfo[], text: string, word: string): { from: number; options: NameOption[] } {
  const lower = text.toLowerCase();
  const tables = names.filter((n) => n.kind === 'table' || n.kind === 'shared-table');
  const mentioned = new Set(tables.filter((t) => mentions(lower, t.name.toLowerCase())).map((t) => t.name.toLowerCase()));
  const dot = word.lastIndexOf('.');
  if (dot >= 0 && !tables.some((t) => t.name.toLowerCase().startsWith(word.toLowerCase()))) {
    const qualifier = word.slice(0, dot).toLowerCase();
    const target = tables.find((t) => t.name.toLowerCase() === qualifier)?.name.toLowerCase() ?? aliasTarget(lower, qualifier, mentioned);
    const cols = names.filter(
      (n) => n.kind === 'column' && (target ? n.table?.toLowerCase() === target : mentioned.has(n.table?.toLowerCase() ?? '')),
    );
    return { from: dot + 1, options: unique(cols.map((c) => option(c, 1))) };
  }
  const columns = names.filter((n) => n.kind === 'column');
  const relevant = mentioned.size ? columns.filter((c) => mentioned.has(c.table?.toLowerCase() ?? '')) : columns;
  const others = names.filter((n) => n.kind !== 'column').map((n) => option(n, 0));
  return { from: 0, options: [...others, ...unique(relevant.map((c) => option(c, mentioned.size ? 1 : -1)))] };
}

function option(n: NameInfo, boost: number): NameOption {
  return { label: n.name, kind: n.kind, detail: n.detail ?? n.kind, boost };
}

/** One entry per column name; a name several tables share says so. */
function unique(options: NameOption[]): NameOption[] {
  const byLabel = new Map<string, NameOption>();
  for (const o of options) {
    const seen = byLabel.get(o.label);
    byLabel.set(o.label, seen ? { ...seen, detail: `${seen.detail.split(' · ')[0]}, …` } : o);
  }
  return [...byLabel.values()];
}

/** Whether the text names the table as a whole word (dots and quotes count as part of names). */
function mentions(text: string, name: string): boolean {
  let i = text.indexOf(name);
  while (i >= 0) {
    const before = text[i - 1];
    const after = text[i + name.length];
    if ((before === undefined || !/[\w.]/.test(before)) && (after === undefined || !/[\w]/.test(after))) return true;
    i = text.indexOf(name, i + 1);
  }
  return false;
}

/** `FROM demo.silver.orders o` or `… AS o`: the table an alias stands for, among the mentioned ones. */
function aliasTarget(text: string, alias: string, mentioned: Set<string>): string | undefined {
  for (const table of mentioned) {
    const escaped = table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`${escaped}\\s+(?:as\\s+)?${alias.replace(/\W/g, '')}\\b`).test(text)) return table;
  }
  return undefined;
}
