// AssemblyScript source of the optimizer updates that run on arrays in kernel memory,
// compiled into the same module as gemm.as.ts. Pointers are byte offsets; arrays are float32.

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

/** c + a·b lane by lane, fused where the build enables relaxed SIMD. */
// @ts-ignore: decorator
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}
