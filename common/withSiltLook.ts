/**
 * A page shown in a sandboxed frame sees only the system's light/dark setting (its
 * `prefers-color-scheme`), not Silt's theme toggle. Pages that know Silt (the AutoML report, see
 * kernel/automl/reportCss.ts) style `html[data-silt-look=…]` over their media queries; any other
 * page ignores the attribute.
 */
export const SILT_LOOK_ATTRIBUTE = 'data-silt-look';

/** The HTML with Silt's look on its <html> tag; a fragment without one is returned as it is. */
export function withSiltLook(html: string, look: 'light' | 'dark'): string {
  return html.replace(/<html(?=[\s>])/i, `<html ${SILT_LOOK_ATTRIBUTE}="${look}"`);
}
