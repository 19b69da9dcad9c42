/**
 * A runtime check that carries the TypeScript type it admits, so a message's params are declared
 * once: the type is `Infer<typeof schema>` and the check is `schema.problem(value, path)`.
 */
export interface Schema<T> {
  /** Never set: it only carries `T` for `Infer`. */
  readonly type?: T;
  /** Whether an object may leave this field out (absent, undefined or null). */
  readonly optional: boolean;
  /** What is wrong with `value`, as text naming `path` (e.g. `limit must be a number`); undefined if nothing. */
  problem(value: unknown, path: string): string | undefined;
}

/** A schema whose field may be left out; `object` makes such keys optional in the inferred type. */
export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly optional: true;
}

/** The type a schema admits. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** A field's path for messages: `source.handle`, `cells[2].language`; bare at the top level. */
export function fieldPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}
