/**
 * How Silt writes and reads a shared table's name: `share.schema.table`, as the Delta Sharing
 * protocol spells it, or `profile.share.schema.table` where several open profiles share that name.
 * Every label, lookup key and message builds names here, so they always match what users type.
 */
import { SiltError } from './SiltError';

/** A fully qualified shared table: `share.schema.table`. */
export interface TableName {
  share: string;
  schema: string;
  table: string;
}

const FORBIDDEN = /[\s/\u0000-\u001f\u007f]/;

/**
 * Why a share, schema or table name breaks the protocol's naming rules (§Names), or undefined when
 * it is fine. Dots are only allowed in share names, which is what makes right-to-left parsing safe.
 */
export function nameProblem(kind: 'share' | 'schema' | 'table', name: string): string | undefined {
  if (name.length === 0) return `${kind} name is empty`;
  if (name.length > 255) return `${kind} name is longer than 255 characters`;
  if (FORBIDDEN.test(name)) return `${kind} name "${name}" contains a space, '/' or a control character`;
  if (kind !== 'share' && name.includes('.')) return `${kind} name "${name}" contains '.'`;
  return undefined;
}

/** Parses `share.schema.table` from the right, since only share names may contain dots. */
export function parseTableName(qualified: string): TableName {
  const last = qualified.lastIndexOf('.');
  const middle = last > 0 ? qualified.lastIndexOf('.', last - 1) : -1;
  if (middle <= 0) {
    throw new SiltError('bad-request', `"${qualified}" is not a table name of the form share.schema.table`);
  }
  const name = { share: qualified.slice(0, middle), schema: qualified.slice(middle + 1, last), table: qualified.slice(last + 1) };
  for (const kind of ['share', 'schema', 'table'] as const) {
    const problem = nameProblem(kind, name[kind]);
    if (problem) throw new SiltError('bad-request', `"${qualified}" is not a valid table name: ${problem}`);
  }
  return name;
}

export function formatTableName(name: TableName): string {
  return `${name.share}.${name.schema}.${name.table}`;
}

/** `profile.share.schema.table`: the spelling that tells apart tables several open profiles share. */
export function formatProfileTableName(name: TableName & { profile: string }): string {
  return `${name.profile}.${formatTableName(name)}`;
}
