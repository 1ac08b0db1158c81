export interface FeatureStats {
  mean: number[];
  std: number[];
}

/**
 * Computes each column's mean and population standard deviation (divided by n, as
 * sklearn's StandardScaler does) of row-major `x` with `featureCount` columns.
 * A constant column gets std 1, so standardising it gives zeros instead of NaN.
 * An empty `x` gives mean 0 and std 1.
 */
export function featureStats(x: Float32Array, featureCount: number): FeatureStats {
  const rowCount = x.length / featureCount;
  const mean = new Array<number>(featureCount).fill(0);
  const std = new Array<number>(featureCount).fill(0);
  if (rowCount === 0) return { mean, std: std.fill(1) };

  for (let i = 0; i < x.length; i++) mean[i % featureCount] += x[i];
  for (let j = 0; j < featureCount; j++) mean[j] /= rowCount;

  // Two passes: summing squared deviations is more accurate than E[x^2] - E[x]^2.
  for (let i = 0; i < x.length; i++) {
    const deviation = x[i] - mean[i % featureCount];
    std[i % featureCount] += deviation * deviation;
  }
  for (let j = 0; j < featureCount; j++) {
    const value = Math.sqrt(std[j] / rowCount);
    // A std within float32 rounding of the mean is rounding noise of a constant column.
    const isConstant = !(value > 1e-6 * Math.abs(mean[j]));
    std[j] = isConstant ? 1 : value;
  }
  return { mean, std };
}

/** Replaces each value of row-major `x` by (value - mean) / std of its column. */
export function standardize(x: Float32Array, stats: FeatureStats): void {
  const featureCount = stats.mean.length;
  for (let i = 0; i < x.length; i++) {
    const j = i % featureCount;
    x[i] = (x[i] - stats.mean[j]) / stats.std[j];
  }
}
