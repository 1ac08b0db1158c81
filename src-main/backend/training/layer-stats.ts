/** Weight and gradient statistics of a model's Linear layers, binned for the renderer. */

import * as nn from '../../../engine/nn';
import type { Histogram, LayerStats } from '../insight-types';

/** Bins of every weight and gradient histogram. */
export const HISTOGRAM_BINS = 20;

/** Counts `values` in `bins` equal-width bins from their minimum to their maximum; NaN is skipped. */
export function histogram(values: ArrayLike<number>, bins = HISTOGRAM_BINS): Histogram {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const counts = new Array<number>(bins).fill(0);
  if (min > max) return { min: 0, max: 0, counts };

  const width = max - min;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!Number.isFinite(value)) continue;
    const bin = width === 0 ? 0 : Math.min(bins - 1, Math.floor(((value - min) / width) * bins));
    counts[bin] += 1;
  }
  return { min, max, counts };
}

function l2Norm(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

/**
 * Reads every Linear layer's weight and the gradient the last training step left in its
 * `grad`. With `gradientsAvailable` false (the GPU path keeps gradients on the device) or a
 * frozen layer without a gradient, the gradient fields are null.
 */
export function linearLayerStats(model: nn.Sequential, gradientsAvailable: boolean): LayerStats[] {
  const linears = model.layers().filter((layer): layer is nn.Linear => layer instanceof nn.Linear);
  return linears.map((layer, index) => {
    const weight = layer.weight;
    const grad = gradientsAvailable ? weight.grad : null;
    return {
      name: `Linear ${index + 1} (${layer.inFeatures} → ${layer.outFeatures})`,
      weights: histogram(weight.data),
      gradients: grad === null ? null : histogram(grad.data),
      gradientNorm: grad === null ? null : l2Norm(grad.data),
    };
  });
}
