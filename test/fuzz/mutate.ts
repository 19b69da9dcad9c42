/** Byte-level mutations of a valid text, the way disks, editors and proxies damage files. */
import fc from 'fast-check';

export type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'bom' };

/** Positions are fractions of the length, so one mutation fits any text. */
const at = fc.double({ min: 0, max: 1, noNaN: true });
const junk = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('{', '}', '"', ',', ':', '[', ']', 'null', '\n', '\\', '\uFEFF', '\u00e9', '\ud83d\ude00', '1e999', '-'),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('insert' as const), at, text: junk }),
  fc.record({ kind: fc.constant('replace' as const), at, text: junk }),
  fc.record({ kind: fc.constant('truncate' as const), at }),
  fc.record({ kind: fc.constant('duplicate' as const), at, length: fc.integer({ min: 1, max: 40 }) }),
  fc.constant({ kind: 'bom' as const }),
);

export function applyMutations(text: string, mutations: Mutation[]): string {
  let s = text;
  for (const m of mutations) {
    if (m.kind === 'bom') {
      s = '\uFEFF' + s;
      continue;
    }
    const i = Math.floor(m.at * s.length);
    if (m.kind === 'delete') s = s.slice(0, i) + s.slice(i + m.length);
    else if (m.kind === 'insert') s = s.slice(0, i) + m.text + s.slice(i);
    else if (m.kind === 'replace') s = s.slice(0, i) + m.text + s.slice(i + m.text.length);
    else if (m.kind === 'truncate') s = s.slice(0, i);
    else s = s.slice(0, i) + s.slice(i, i + m.length) + s.slice(i);
  }
  return s;
}
