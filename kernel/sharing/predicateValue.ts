import type { PredicateValueType } from './predicate';

/** A value reduced to something totally ordered within its type. */
export type Comparable = bigint | number | string | boolean;

/**
 * Converts a literal, a partition value (always a string) or a stats value (JSON-typed) to a
 * comparable form, or undefined when it cannot be read as that type (the caller then knows nothing).
 */
export function toComparable(raw: unknown, type: PredicateValueType): Comparable | undefined {
  if (raw === null || raw === undefined) return undefined;
  const text = String(raw).trim();
  switch (type) {
    case 'int':
    case 'long':
      return /^[-+]?\d+$/.test(text) ? BigInt(text) : undefined;
    case 'float':
    case 'double': {
      const n = Number(text);
      return text !== '' && !Number.isNaN(n) ? n : undefined;
    }
    case 'bool':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'string':
      return String(raw);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : undefined;
    case 'timestamp':
      return timestampMicros(text);
  }
}

/** -1, 0 or 1. Strings compare byte-wise (UTF-8), as Delta stats are ordered. */
export function compareValues(a: Comparable, b: Comparable): number {
  if (typeof a === 'string' && typeof b === 'string') return Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Microseconds since the epoch. Accepts partition-value form `YYYY-MM-DD HH:MM:SS[.ffffff]` (taken
 * as UTC, as the spec says) and ISO-8601 with `T` and an optional zone, which stats use. Microsecond
 * precision matters: rounding to ms could make a strict comparison prune a matching file.
 */
function timestampMicros(text: string): bigint | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!m) return undefined;
  const [, date, hh = '00', mi = '00', ss = '00', frac = '', zone] = m;
  const baseMs = Date.parse(`${date}T${hh}:${mi}:${ss}Z`);
  if (Number.isNaN(baseMs)) return undefined;
  let offsetMin = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const z = zone.replace(':', '');
    offsetMin = (z.startsWith('-') ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
  }
  const micros = BigInt((frac + '000000').slice(0, 6));
  return (BigInt(baseMs) - BigInt(offsetMin) * 60_000n) * 1000n + micros;
}
