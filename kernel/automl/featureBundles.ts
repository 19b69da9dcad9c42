/**
 * Bin packing of features for histogram building: features whose slot counts multiply to at most
 * `limit` share one joint code (code of the first + its slots x code of the second + ...), so a row adds
 * its gradients once per bundle instead of once per feature. The joint histogram then folds back into
 * the per-feature one in a pass over the joint slots, which costs less than the updates saved once a
 * node has a few hundred rows. Adult's 14 features become 10 bundles.
 */
export interface FeatureBundle {
  /** Member features; the first varies fastest in the joint code. */
  features: number[];
  /** Joint code of a row = sum of code(features[q]) * stride[q]. */
  stride: number[];
  /** Joint slots: the product of the members' slot counts. */
  size: number;
}

/**
 * Tightest-fit decreasing: the largest features first, each into the bundle it fills closest to the
 * limit without passing it, or into a new bundle.
 */
export function bundleFeatures(slots: ArrayLike<number>, limit: number): FeatureBundle[] {
  const order = Array.from({ length: slots.length }, (_, f) => f).sort((a, b) => slots[b] - slots[a] || a - b);
  const bundles: FeatureBundle[] = [];
  for (const f of order) {
    let best = -1;
    for (let b = 0; b < bundles.length; b++) {
      const size = bundles[b].size * slots[f];
      if (size <= limit && (best < 0 || size > bundles[best].size * slots[f])) best = b;
    }
    if (best < 0) bundles.push({ features: [f], stride: [1], size: slots[f] });
    else {
      const bd = bundles[best];
      bd.features.push(f);
      bd.stride.push(bd.size);
      bd.size *= slots[f];
    }
  }
  // Feature order within the row keeps memory access close to the plain layout's.
  return bundles.sort((a, b) => Math.min(...a.features) - Math.min(...b.features));
}
