/**
 * Fuzzes the shared-name rewrite of SQL cells (with the aliases it adds) and the error context read
 * back from DuckDB's messages, with cells spliced from SQL's awkward pieces: any cell is rewritten or
 * refused with a SharedRefError (`bad-request`), never a TypeError; each edit covers exactly the name
 * the analyst typed (a table's, or a column qualifier naming a table the cell reads), and the edits
 * apply in order without overlapping; and a LINE/caret context for any offset of the cell is drawn and read back there.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateErrorContext, renderErrorContext, splitErrorContext } from '../../kernel/engine/errorContext';
import { findSharedRefs, SharedRefError, type KnownTable } from '../../kernel/session/sharing/findSharedRefs';

const TIME_LIMIT_MS = 8_000;
const known: KnownTable[] = [
  { profile: 'p', share: 'demo', schema: 'silver', table: 'orders' },
  { profile: 'p', share: 'demo', schema: 'gold', table: 'orders' },
];
const piece = fc.constantFrom(
  'SELECT',
  'FROM',
  'JOIN',
  'USING',
  'AS',
  'o',
  'x',
  '.',
  ',',
  ';',
  '(',
  ')',
  '"',
  "'",
  '--',
  '/*',
  '*/',
  '\n',
  '@',
  'é',
  '𝔸',
  'demo.silver.orders',
  'DEMO."gold".Orders',
  'demo.gold.orders VERSION AS OF 1',
  'table_changes(',
  'DESCRIBE',
  'WHERE',
  'INSERT INTO',
  'silver.orders.amount',
  'DEMO.gold."Orders".amount',
  'p.demo.silver.orders.x',
  'demo.silver.orders.*',
  'gold.orders.',
  '*',
  'a.b.c',
  'FROM demo.silver.orders',
  'JOIN DEMO."gold".Orders g',
);
const cell = fc.array(fc.tuple(piece, fc.constantFrom('', ' ')), { maxLength: 16 }).map((ps) => ps.map(([p, s]) => p + s).join(''));

describe('the shared-name rewrite and the error context on spliced cells', () => {
  it('rewrites each typed name or refuses the cell with a coded error; a context drawn at any offset is read back there', () => {
    fc.assert(
      fc.property(cell, fc.nat(), (sql, at) => {
        try {
          const r = findSharedRefs(sql, known);
          // A table's edit covers its typed name; a column's qualifier, the typed name of a table the cell reads.
          for (const e of r.edits) {
            const typed = sql.slice(e.start, e.end).replace(/"/g, '').toLowerCase();
            expect(typed).toMatch(e.qualifier ? /^((p\.)?demo\.)?(silver|gold)\.orders$/ : /^demo\.(silver|gold)\.orders/);
            if (e.qualifier) expect(r.refs.map((ref) => ref.view)).toContain(e.view);
            // A name followed by ".column" or ".*" qualifies a column: it is never read as a table.
            else if (typed.endsWith('orders')) expect(sql.slice(e.end)).not.toMatch(/^\s*\.\s*[A-Za-z_"*]/);
          }
          // The edits do not overlap, and applying them in order gives the SQL that runs.
          let out = '';
          let at = 0;
          for (const e of r.edits) {
            expect(e.start).toBeGreaterThanOrEqual(at);
            out += sql.slice(at, e.start) + e.text;
            at = e.end;
          }
          expect(out + sql.slice(at)).toBe(r.sql);
        } catch (e) {
          expect(e).toBeInstanceOf(SharedRefError);
          expect((e as SharedRefError).code).toBe('bad-request');
        }
        // An offset DuckDB can point at: the start of a character, never inside a surrogate pair.
        const starts = [...sql].reduce<number[]>((o, ch) => [...o, o[o.length - 1] + ch.length], [0]);
        const offset = starts[at % starts.length];
        const ctx = splitErrorContext(`Binder Error: x\n\n${renderErrorContext(sql, offset)}`);
        expect(ctx).toBeDefined();
        // Only on one-line cells: DuckDB's LINE counts lines of the statement, which is the cell here.
        if (!sql.includes('\n') && sql.length <= 120) expect(locateErrorContext(sql, ctx!)).toBe(offset);
      }),
      { interruptAfterTimeLimit: TIME_LIMIT_MS, numRuns: 20_000 },
    );
  });
});
