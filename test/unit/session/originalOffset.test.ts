/** Offsets in the rewritten SQL mapped back to the analyst's text, around names of every length. */
import { describe, expect, it } from 'vitest';
import { findSharedRefs, type KnownTable } from '../../../kernel/session/sharing/findSharedRefs';
import { originalOffset } from '../../../kernel/session/sharing/originalOffset';

const known: KnownTable[] = [
  { profile: 'demo', share: 'demo', schema: 'silver', table: 'orders' },
  { profile: 'demo', share: 'demo', schema: 'silver', table: 'listings' },
];

/** Every word of the analyst's SQL that is not a shared name is found at its own place after the rewrite. */
function checkWords(code: string): void {
  const { sql, edits } = findSharedRefs(code, known);
  expect(edits.length).toBeGreaterThan(0);
  for (const word of ['amout', 'WHERE', 'x', 'o.id', 'SELECT']) {
    let from = 0;
    for (;;) {
      const inCode = code.indexOf(word, from);
      if (inCode < 0) break;
      from = inCode + 1;
      const nth = code.slice(0, inCode).split(word).length - 1;
      const inSql = sql
        .split(word)
        .slice(0, nth + 1)
        .join(word).length;
      expect(originalOffset(edits, inSql), `${word} #${nth} in ${code}`).toBe(inCode);
    }
  }
}

describe('originalOffset', () => {
  it('maps places before, between and after shared names, quoted or not, longer or shorter once rewritten', () => {
    checkWords('SELECT amout FROM demo.silver.orders');
    checkWords('SELECT * FROM demo.silver.orders WHERE amout > 1');
    checkWords('SELECT * FROM "demo"."silver"."orders" WHERE amout > 1');
    checkWords('SELECT o.id FROM Demo . Silver . Orders o, demo.silver.listings x WHERE amout > 1');
    checkWords('SELECT 1;\nSELECT x FROM demo.silver.orders;\nSELECT amout\nFROM demo.silver.listings VERSION AS OF 2 WHERE x');
    checkWords("SELECT * FROM table_changes('demo.silver.orders', 1) WHERE amout > 1");
  });

  it('maps a place inside a replaced name to where the analyst’s name starts', () => {
    const code = 'SELECT * FROM "demo"."silver"."orders" o';
    const { sql, edits } = findSharedRefs(code, known);
    expect(originalOffset(edits, sql.indexOf('"demo.silver.orders"') + 5)).toBe(code.indexOf('"demo"'));
  });
});
