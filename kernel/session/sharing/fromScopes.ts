/**
 * Which FROM lists a token of a cell can see, without a parser: the one of its own parentheses and
 * statement part (UNION, EXCEPT, INTERSECT start another), then those of each enclosing parentheses,
 * as a subquery, a function's argument or an ON condition sees the tables read around it.
 */
import type { Token } from '../../../common/sqlTokens';

const word = (t: Token) => (t.kind === 'ident' ? t.value.toLowerCase() : undefined);

/** For each token, the keys of the FROM lists it may see, innermost first; the first is its own. */
export function scopeChains(code: readonly Token[]): string[][] {
  const stack: { open: number; part: number }[] = [{ open: -1, part: 0 }];
  return code.map((t, i) => {
    const chain = stack.map((s) => `${s.open}:${s.part}`).reverse();
    const top = stack[stack.length - 1];
    if (t.text === '(') stack.push({ open: i, part: 0 });
    else if (t.text === ')' && stack.length > 1) stack.pop();
    else if (t.text === ';' || ['union', 'except', 'intersect'].includes(word(t) ?? '')) top.part++;
    return chain;
  });
}
