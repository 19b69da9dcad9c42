/**
 * How category labels on a band x axis are laid out so they do not overlap. Plot cannot measure text
 * in Node, so widths are estimated from label lengths: labels that fit their band stay level; longer
 * ones turn −45° (or −90° when bands are too narrow for a slanted line of text to clear its neighbour);
 * labels longer than MAX_LABEL_PX are cut with an ellipsis, and Plot then gives each a <title> with
 * the full text. The bottom margin grows to hold what the labels need.
 */

export interface BandLabelLayout {
  /** Plot's tickRotate for the x axis: 0 keeps labels level. */
  rotate: 0 | -45 | -90;
  /** Room below the plot for the turned labels and the axis label (Plot's marginBottom). */
  marginBottom?: number;
  /** Where the axis label goes, below the labels (Plot's labelOffset). */
  labelOffset?: number;
  /** Room on the left for the first slanted label, which reaches left of its band (Plot's marginLeft). */
  marginLeft?: number;
  /** Longest a label may be, in ems (Plot's lineWidth), when some are cut with an ellipsis. */
  lineWidth?: number;
}

/** Average advance of a 10 px sans-serif character (Plot's own table averages about 5.8 px for lowercase). */
export const CHAR_PX = 6.2;
/** Text height of a 10 px label: two slanted labels need this much room measured across the slant. */
const LINE_PX = 11;
/** Labels longer than this are cut, so a few long names do not squash the plot into a sliver. */
export const MAX_LABEL_PX = 120;
/** A tick and the padding between it and its label. */
const TICK_PX = 9;
const LEVEL_GAP_PX = 6;
/** Plot's default width and side margins, which the band widths are estimated from. */
const PLOT_WIDTH = 640;
const MARGIN_LEFT = 40;
const MARGIN_RIGHT = 20;
/** Facet names label the right edge (see plotPlan). */
const FACET_MARGIN_RIGHT = 100;

export function bandLabelLayout(labels: readonly string[], plotWidth: number): BandLabelLayout {
  const distinct = [...new Set(labels)];
  if (distinct.length === 0 || !(plotWidth > 0)) return { rotate: 0 };
  const band = plotWidth / distinct.length;
  const widest = Math.max(...distinct.map((l) => l.length)) * CHAR_PX;
  if (widest + LEVEL_GAP_PX <= band) return { rotate: 0 };
  // Slanted at 45°, neighbouring labels sit `band · sin 45°` apart across the slant.
  const rotate = band * Math.SQRT1_2 >= LINE_PX ? -45 : -90;
  const shown = Math.min(widest, MAX_LABEL_PX);
  const drop = rotate === -45 ? (shown + LINE_PX) * Math.SQRT1_2 : shown;
  // Plot sets the axis label's bottom edge at labelOffset, so it clears the labels by a line and a gap.
  const labelOffset = Math.ceil(TICK_PX + drop + LINE_PX + 6);
  // A label slanted at −45° ends at its tick and reaches left by its width · cos 45°.
  const reachLeft = rotate === -45 ? Math.ceil(shown * Math.SQRT1_2 - band / 2 + 6) : 0;
  return {
    rotate,
    marginBottom: labelOffset + 4,
    labelOffset,
    ...(reachLeft > MARGIN_LEFT ? { marginLeft: reachLeft } : {}),
    ...(widest > MAX_LABEL_PX ? { lineWidth: MAX_LABEL_PX / 10 } : {}),
  };
}

/** The layout for the x values a chart draws, at its width (Plot's 640 px unless given). */
export function xLabelLayout(values: readonly unknown[], opts: { width?: number; faceted?: boolean }): BandLabelLayout {
  const labels = values.filter((v) => v !== undefined && !(v instanceof Date)).map((v) => String(v));
  const inner = (opts.width ?? PLOT_WIDTH) - MARGIN_LEFT - (opts.faceted ? FACET_MARGIN_RIGHT : MARGIN_RIGHT);
  return bandLabelLayout(labels, inner);
}
