/// <reference types="@webgpu/types" />
/** A one-off matrix product on the GPU, for benchmarks and for checking the matmul kernel. */
import { GpuContext } from './context';
import { matmul } from './kernels/matmul';

/**
 * Computes C = A · B on `device` with the tiled matmul kernel, then reads C back.
 *
 * @param a [n, k] row-major.
 * @param b [k, m] row-major.
 * @returns C, [n, m] row-major.
 * @throws RangeError when a or b has fewer values than its shape needs.
 */
export async function gpuMatmul(
  device: GPUDevice,
  a: Float32Array,
  b: Float32Array,
  n: number,
  k: number,
  m: number,
): Promise<Float32Array> {
  if (a.length < n * k) {
    throw new RangeError(`gpuMatmul: a has ${a.length} values, but [${n}, ${k}] needs ${n * k}`);
  }
  if (b.length < k * m) {
    throw new RangeError(`gpuMatmul: b has ${b.length} values, but [${k}, ${m}] needs ${k * m}`);
  }

  const context = GpuContext.forDevice(device);
  const aBuffer = context.uploadBuffer(a.subarray(0, n * k), 'matmul a');
  const bBuffer = context.uploadBuffer(b.subarray(0, k * m), 'matmul b');
  const out = context.storageBuffer(n * m, 'matmul out');
  try {
    context.run([matmul(context, { a: aBuffer, b: bBuffer, out }, { m: n, n: m, k })]);
    return await context.readFloat32(out, n * m);
  } finally {
    aBuffer.destroy();
    bBuffer.destroy();
    out.destroy();
  }
}
