/** Optimizer updates in plain TypeScript, the fallback for the WebAssembly ones. */

/**
 * SGD with momentum after its first step, without weight decay or Nesterov:
 * buffer ← momentum·buffer + keep·grad, then p ← p − lr·buffer, over all of p.
 */
export function sgdMomentum(
  p: Float32Array,
  grad: Float32Array,
  buffer: Float32Array,
  lr: number,
  momentum: number,
  keep: number,
): void {
  for (let i = 0; i < p.length; i++) {
    buffer[i] = momentum * buffer[i] + keep * grad[i];
    p[i] -= lr * buffer[i];
  }
}

/** Settings of one Adam step; stepSize and biasCorrection2Sqrt already include the step count. */
export interface AdamStep {
  beta1: number;
  beta2: number;
  /** lr / (1 − β1ᵗ). */
  stepSize: number;
  /** √(1 − β2ᵗ). */
  biasCorrection2Sqrt: number;
  eps: number;
}

/**
 * Adam without weight decay or AMSGrad, over all of p. It updates m ← β1·m + (1−β1)·g and
 * v ← β2·v + (1−β2)·g², then p ← p − stepSize · m / (√v / biasCorrection2Sqrt + eps).
 */
export function adam(p: Float32Array, grad: Float32Array, expAvg: Float32Array, expAvgSq: Float32Array, step: AdamStep): void {
  const { beta1, beta2, stepSize, biasCorrection2Sqrt, eps } = step;
  for (let i = 0; i < p.length; i++) {
    const g = grad[i];
    expAvg[i] = expAvg[i] * beta1 + (1 - beta1) * g;
    expAvgSq[i] = expAvgSq[i] * beta2 + (1 - beta2) * g * g;
    p[i] -= (stepSize * expAvg[i]) / (Math.sqrt(expAvgSq[i]) / biasCorrection2Sqrt + eps);
  }
}
