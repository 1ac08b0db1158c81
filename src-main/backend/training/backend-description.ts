/**
 * Words for where a run trains: a short line for the training panel, the reason in plain
 * language for learners, and the engine's technical reason for a tooltip.
 */

import type { GpuAdapterSummary } from '../../../engine/gpu/adapter-summary';
import { GPU_MIN_MULTIPLY_ADDS, type BackendChoice, type BackendPreference } from '../../../engine/gpu/select';
import type { TrainingEvent } from '../protocol';

export interface BackendFacts {
  /** The Compute setting of the run. */
  preference: BackendPreference;
  /** Multiply-adds of one training step, or null when the GPU path cannot train the model. */
  multiplyAdds: number | null;
  /** The adapter of the WebGPU device the run was given, or null without one. */
  adapter: GpuAdapterSummary | null;
  /** The CPU kernels in use, such as 'WebAssembly SIMD, 2 threads'. */
  cpuKernels: string;
}

/** Builds the run's backend event from the engine's choice and the facts behind it. */
export function describeBackend(
  runId: string,
  choice: BackendChoice,
  facts: BackendFacts,
): Extract<TrainingEvent, { kind: 'backend' }> {
  const description =
    choice.backend === 'gpu' ? `GPU (${facts.adapter?.description ?? 'WebGPU'})` : `CPU (${facts.cpuKernels})`;
  return {
    kind: 'backend',
    runId,
    backend: choice.backend,
    description,
    reason: plainReason(choice, facts),
    detail: choice.reason,
  };
}

function plainReason(choice: BackendChoice, facts: BackendFacts): string {
  if (choice.backend === facts.preference) return `you chose the ${choice.backend.toUpperCase()} in the settings`;
  if (choice.backend === 'gpu') return 'the network is large, so a GPU is faster than the CPU';

  if (facts.preference === 'auto' && facts.multiplyAdds !== null) {
    if (facts.multiplyAdds < GPU_MIN_MULTIPLY_ADDS) return 'the network is small, so the CPU is faster than a GPU';
    if (facts.adapter === null) return 'no GPU was found';
    if (facts.adapter.isFallbackAdapter) return 'the only GPU is emulated in software, which is slower than the CPU';
  }
  return 'the GPU cannot train this network yet';
}
