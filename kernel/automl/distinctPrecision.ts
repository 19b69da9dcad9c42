/**
 * Two scores written side by side with as many significant digits (3 to 6) as it takes to tell
 * them apart: "log_loss 1.05 … on the other rows it is 1.05" read as a contradiction.
 */
export function distinctPrecision(a: number, b: number): [string, string] {
  let digits = 3;
  while (digits < 6 && a.toPrecision(digits) === b.toPrecision(digits)) digits++;
  return [a.toPrecision(digits), b.toPrecision(digits)];
}
