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
