/**
 * `$…$` and `$$…$$` math in markdown, for the window and the report alike. Formulas are cut out
 * before the markdown parser runs, so `_` and `*` inside them are not read as emphasis, and put back
 * (rendered by the caller: KaTeX HTML on screen, MathML in reports) once the markdown is HTML.
 */

// `$5 and $6` stays money: math opens with a `$` before no space and closes with one after no space,
// and neither `$` may touch a word character (nor, when opening, follow a backslash).
const MATH = /\$\$([\s\S]+?)\$\$|(?<![\\$\w])\$(?!\s)([^$\n]+?)(?<!\s)\$(?![\w$])/g;
const PLACEHOLDER = /@@MATH(\d+)@@/g;

export interface CutMath {
  /** The markdown with each formula replaced by a placeholder the markdown parser leaves alone. */
  text: string;
  /** The parser's HTML with the rendered formulas in place of the placeholders. */
  restore(html: string): string;
}

export function cutOutMath(source: string, render: (tex: string, display: boolean) => string): CutMath {
  const formulas: string[] = [];
  const text = source.replace(MATH, (_m, block: string | undefined, inline: string | undefined) => {
    const display = block !== undefined;
    formulas.push(render((display ? block : inline) ?? '', display));
    return `@@MATH${formulas.length - 1}@@`;
  });
  return { text, restore: (html) => html.replace(PLACEHOLDER, (_m, i: string) => formulas[Number(i)] ?? '') };
}
