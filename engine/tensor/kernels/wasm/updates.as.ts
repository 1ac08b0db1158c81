// AssemblyScript source of the optimizer updates that run on arrays in kernel memory,
// compiled into the same module as gemm.as.ts. Pointers are byte offsets; arrays are float32.

import { madd } from './simd.as';

/**
 * SGD with momentum after its first step, without weight decay or Nesterov, in the order
 * of PyTorch's update: buffer ← momentum·buffer + keep·grad, then p ← p − lr·buffer.
 */
export function sgdMomentum(p: usize, grad: usize, buffer: usize, length: i32, lr: f32, momentum: f32, keep: f32): void {
  const vectorBytes = <usize>(length & ~3) << 2;
  const endBytes = <usize>length << 2;
  const lrs = f32x4.splat(-lr);
  const momenta = f32x4.splat(momentum);
  const keeps = f32x4.splat(keep);
  let at: usize = 0;
  for (; at < vectorBytes; at += 16) {
    const b = madd(keeps, v128.load(grad + at), f32x4.mul(momenta, v128.load(buffer + at)));
    v128.store(buffer + at, b);
    v128.store(p + at, madd(lrs, b, v128.load(p + at)));
  }
  for (; at < endBytes; at += 4) {
    const b = momentum * load<f32>(buffer + at) + keep * load<f32>(grad + at);
    store<f32>(buffer + at, b);
    store<f32>(p + at, load<f32>(p + at) - lr * b);
  }
}

/**
 * Adam without weight decay or AMSGrad, in the order of PyTorch's update:
 * m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; p ← p − stepSize · m / (√v / bc2Sqrt + eps),
 * where stepSize = lr / (1 − β1ᵗ) and bc2Sqrt = √(1 − β2ᵗ).
 */
export function adam(
  p: usize, grad: usize, expAvg: usize, expAvgSq: usize, length: i32,
  beta1: f32, beta2: f32, stepSize: f32, biasCorrection2Sqrt: f32, eps: f32,
): void {
  const vectorBytes = <usize>(length & ~3) << 2;
  const endBytes = <usize>length << 2;
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const keep1 = f32x4.splat(1 - beta1);
  const keep2 = f32x4.splat(1 - beta2);
  const steps = f32x4.splat(stepSize);
  const corrections = f32x4.splat(biasCorrection2Sqrt);
  const epsilons = f32x4.splat(eps);
  let at: usize = 0;
  for (; at < vectorBytes; at += 16) {
    const g = v128.load(grad + at);
    const m = madd(keep1, g, f32x4.mul(b1, v128.load(expAvg + at)));
    const v = madd(f32x4.mul(keep2, g), g, f32x4.mul(b2, v128.load(expAvgSq + at)));
    v128.store(expAvg + at, m);
    v128.store(expAvgSq + at, v);
    const denominator = f32x4.add(f32x4.div(f32x4.sqrt(v), corrections), epsilons);
    v128.store(p + at, f32x4.sub(v128.load(p + at), f32x4.div(f32x4.mul(steps, m), denominator)));
  }
  for (; at < endBytes; at += 4) {
    const g = load<f32>(grad + at);
    const m = beta1 * load<f32>(expAvg + at) + (1 - beta1) * g;
    const v = beta2 * load<f32>(expAvgSq + at) + (1 - beta2) * g * g;
    store<f32>(expAvg + at, m);
    store<f32>(expAvgSq + at, v);
    store<f32>(p + at, load<f32>(p + at) - (stepSize * m) / (sqrt<f32>(v) / biasCorrection2Sqrt + eps));
  }
}
