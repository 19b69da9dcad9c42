/** Schemas of single values: strings, finite numbers, booleans, one of a fixed set, anything. */
import type { Schema } from './Schema';

function leaf<T>(problem: (value: unknown, path: string) => string | undefined): Schema<T> {
  return { optional: false, problem };
}

export function string(): Schema<string> {
  return leaf((v, path) => (typeof v === 'string' ? undefined : `${path} must be a string`));
}

export interface NumberRules {
  int?: boolean;
  min?: number;
  max?: number;
}

/** A finite number (NaN and Infinity do not survive JSON and mean nothing as a count or a size). */
export function number(rules: NumberRules = {}): Schema<number> {
  const { int = false, min, max } = rules;
  return leaf((v, path) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${path} must be a number`;
    if (int && !Number.isInteger(v)) return `${path} must be an integer`;
    const outside = min !== undefined && max !== undefined && (v < min || v > max);
    if (outside) return `${path} must be between ${min} and ${max}`;
    if (min !== undefined && v < min) return `${path} must be ≥ ${min}`;
    if (max !== undefined && v > max) return `${path} must be ≤ ${max}`;
    return undefined;
  });
}

export function boolean(): Schema<boolean> {
  return leaf((v, path) => (typeof v === 'boolean' ? undefined : `${path} must be a boolean`));
}

/**
 * One of a fixed set of strings or numbers. `label` words the refusal for people choosing from a
 * list ('Unknown report format "docx"; use one of html, md, pdf, ipynb'); without it the message
 * names the field (`language must be "sql" or "typescript"`).
 */
export function oneOf<const V extends readonly (string | number)[]>(values: V, label?: string): Schema<V[number]> {
  const quoted = values.map((x) => JSON.stringify(x));
  const choices = quoted.length === 2 ? `${quoted[0]} or ${quoted[1]}` : `one of ${quoted.join(', ')}`;
  return leaf((v, path) => {
    if ((values as readonly unknown[]).includes(v)) return undefined;
    if (label) return `Unknown ${label} ${shortJson(v)}; use one of ${values.join(', ')}`;
    return `${path} must be ${choices}`;
  });
}

/** Anything at all, typed as `unknown`: the receiver checks it. */
export function unknown(): Schema<unknown> {
  return leaf(() => undefined);
}

/**
 * A check written by hand, typed as `T`: for values whose shape is checked elsewhere with wording of
 * its own (a notebook names the cell that is wrong). `problem` gets the value and its path.
 */
export function custom<T>(problem: (value: unknown, path: string) => string | undefined): Schema<T> {
  return leaf(problem);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A refused value as JSON, cut short: an error answer must not echo back a huge value. */
function shortJson(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
