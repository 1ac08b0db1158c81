/**
 * Chooses between the CPU fused step and the GPU step for one training run. A forced choice
 * wins. Otherwise a step of fewer than `GPU_MIN_MULTIPLY_ADDS` multiply-adds stays on the CPU,
 * because below that the cost of submitting some 20 small dispatches per step outweighs the
 * arithmetic; and no adapter, or a software adapter such as llvmpipe, means the CPU too.
 */
import type { FusedPlan } from '../fused/plan';
import type { GpuAdapterSummary } from './adapter-summary';

/** 'auto' applies the rule; 'cpu' and 'gpu' force a backend. */
export type BackendPreference = 'auto' | 'cpu' | 'gpu';

export interface BackendChoice {
  backend: 'cpu' | 'gpu';
  /** One line for logs and the status bar: why this backend. */
  reason: string;
}

/**
 * Multiply-adds per step above which a hardware GPU is chosen: 2^22, about 4 million, as a
 * batch of 256 through a 64 → 256 → 10 MLP does in its three matmuls.
 * NOTE: an estimate from dispatch overhead (tens of microseconds each on desktop GPUs) against
 * the CPU kernels' throughput, not measured on a hardware GPU; tune it from the matmul benchmark.
 */
export const GPU_MIN_MULTIPLY_ADDS = 2 ** 22;

/**
 * Counts the multiply-adds of one step's matmuls: the forward product and the two backward
 * products (input and weight gradients) of each Linear layer, so
 * 3 · batchSize · inFeatures · outFeatures per layer.
 */
export function multiplyAddsPerStep(plan: FusedPlan, batchSize: number): number {
  let total = 0;
  for (const layer of plan.layers) {
    if (layer.kind === 'linear') total += 3 * batchSize * layer.inFeatures * layer.outFeatures;
  }
  return total;
}

/**
 * Chooses the backend for training `plan` on batches of `batchSize` rows.
 *
 * @param adapterInfo the adapter of the available device, or null when there is none.
 * @param preference 'auto' (default) applies the rule above; 'cpu' or 'gpu' forces a backend.
 * @throws Error when 'gpu' is forced and there is no adapter.
 */
export function chooseTrainingBackend(
  plan: FusedPlan,
  batchSize: number,
  adapterInfo: GpuAdapterSummary | null,
  preference: BackendPreference = 'auto',
): BackendChoice {
  if (preference === 'cpu') return { backend: 'cpu', reason: 'CPU requested' };
  if (preference === 'gpu') {
    if (adapterInfo === null) {
      throw new Error('GPU training requested, but no WebGPU adapter is available');
    }
    return { backend: 'gpu', reason: `GPU requested: ${adapterInfo.description}` };
  }

  // The size rule comes first, so callers may skip loading a GPU driver for small models.
  const work = multiplyAddsPerStep(plan, batchSize);
  if (work < GPU_MIN_MULTIPLY_ADDS) {
    const reason =
      `${work} multiply-adds per step, below the GPU threshold of ${GPU_MIN_MULTIPLY_ADDS}`;
    return { backend: 'cpu', reason };
  }
  if (adapterInfo === null) return { backend: 'cpu', reason: 'no WebGPU adapter' };
  if (adapterInfo.isFallbackAdapter) {
    const reason = `${adapterInfo.description} is a software adapter, slower than the CPU kernels`;
    return { backend: 'cpu', reason };
  }
  return { backend: 'gpu', reason: `${work} multiply-adds per step on ${adapterInfo.description}` };
}

/** Returns true when `chooseTrainingBackend` picks the GPU; it documents the rule and arguments. */
export function shouldUseGpu(
  plan: FusedPlan,
  batchSize: number,
  adapterInfo: GpuAdapterSummary | null,
  preference: BackendPreference = 'auto',
): boolean {
  return chooseTrainingBackend(plan, batchSize, adapterInfo, preference).backend === 'gpu';
}
