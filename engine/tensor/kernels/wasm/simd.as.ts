// AssemblyScript helpers shared by the kernel sources; inlined where they are called.

/**
 * c + a·b lane by lane: one fused multiply-add where the build enables relaxed SIMD (one
 * rounding, as BLAS libraries compute on CPUs with FMA), a multiply and an add otherwise.
 */
// @ts-ignore: decorator
@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}
