import { describe, expect, it } from 'vitest';
import { cutOutMath } from '../../../common/markdownMath';

const render = (tex: string, display: boolean) => (display ? `<D>${tex}</D>` : `<I>${tex}</I>`);

describe('cutOutMath (markdown cells on screen and in reports)', () => {
  it('takes inline and display formulas out before the markdown parser sees them', () => {
    const m = cutOutMath('Area $a_1 * b_2$ and\n$$\\sum_i x_i^2$$', render);
    expect(m.text).not.toContain('_');
    expect(m.text).not.toContain('*');
    expect(m.restore(`<p>${m.text}</p>`)).toBe('<p>Area <I>a_1 * b_2</I> and\n<D>\\sum_i x_i^2</D></p>');
  });

  it('leaves prices, escaped dollars and lone dollars alone', () => {
    for (const text of ['It costs $5 and $6 today', 'Escaped \\$x$ stays', 'one $ sign', 'US$5 or 5$']) {
      expect(cutOutMath(text, render).text, text).toBe(text);
    }
  });

  it('renders each formula once, in order', () => {
    const seen: string[] = [];
    cutOutMath('$x$, $y$ and $$z$$', (tex, display) => {
      seen.push(`${tex}:${display}`);
      return '';
    });
    expect(seen).toEqual(['x:false', 'y:false', 'z:true']);
  });
});
