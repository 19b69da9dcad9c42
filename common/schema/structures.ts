/** Schemas built from others: optional fields, arrays, objects with known keys, records, unions. */
import { isPlainObject } from './primitives';
import { fieldPath, type Infer, type OptionalSchema, type Schema } from './Schema';

/** May be left out; null counts as left out, as JSON writers send it for "no value". */
export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return { optional: true, problem: (v, path) => (v === undefined || v === null ? undefined : inner.problem(v, path)) };
}

export function array<T>(item: Schema<T>): Schema<T[]> {
  return {
    optional: false,
    problem(v, path) {
      if (!Array.isArray(v)) return `${path} must be an array`;
      for (let i = 0; i < v.length; i++) {
        const p = item.problem(v[i], fieldPath(path, i));
        if (p) return p;
      }
      return undefined;
    },
  };
}

type Fields = Record<string, Schema<unknown>>;
type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K] extends OptionalSchema<unknown> ? K : never }[keyof F];
type Flatten<T> = { [K in keyof T]: T[K] };

/** The object type of `fields`: keys of `optional(...)` schemas are optional, the rest required. */
export type ObjectOf<F extends Fields> = Flatten<
  { [K in Exclude<keyof F, OptionalKeys<F>>]: Infer<F[K]> } & {
    [K in OptionalKeys<F>]?: Exclude<Infer<F[K]>, undefined>;
  }
>;

/**
 * An object with these fields, checked in order; the first problem is reported. Other keys are let
 * through untouched, so an older window's extra field does not break a newer kernel. An optional
 * field sent as null is removed from the (freshly parsed) object: the inferred type says such a
 * field is absent, so a handler must never see null there and answer as if it meant something.
 */
export function object<F extends Fields>(fields: F): Schema<ObjectOf<F>> {
  const entries = Object.entries(fields);
  return {
    optional: false,
    problem(v, path) {
      if (!isPlainObject(v)) return `${path} must be an object`;
      for (const [key, schema] of entries) {
        const value = v[key];
        const at = fieldPath(path, key);
        if ((value === undefined || value === null) && !schema.optional) return `missing ${at}`;
        if (value === null) {
          delete v[key];
          continue;
        }
        const p = schema.problem(value, at);
        if (p) return p;
      }
      return undefined;
    },
  };
}

/** An object used as a map: any keys, each value checked. */
export function record<T>(value: Schema<T>): Schema<Record<string, T>> {
  return {
    optional: false,
    problem(v, path) {
      if (!isPlainObject(v)) return `${path} must be an object`;
      for (const [key, x] of Object.entries(v)) {
        const p = value.problem(x, fieldPath(path, key));
        if (p) return p;
      }
      return undefined;
    },
  };
}

/** Any one of `options`; `description` says what was expected when none fits. */
export function union<S extends Schema<unknown>[]>(options: S, description: string): Schema<Infer<S[number]>> {
  return {
    optional: false,
    problem: (v, path) => (options.some((o) => !o.problem(v, path)) ? undefined : `${path} must be ${description}`),
  };
}

/** `inner`, plus a rule that spans its fields (e.g. two bounds worded together). */
export function refine<T>(inner: Schema<T>, rule: (value: T) => boolean, message: string): Schema<T> {
  return {
    optional: inner.optional,
    problem: (v, path) => inner.problem(v, path) ?? (rule(v as T) ? undefined : message),
  };
}
