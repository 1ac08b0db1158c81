/**
 * The training panel's line about where a run trains: the device in a few words and the
 * reason in plain language, with the engine's technical reason kept as the detail.
 */

import { describe, expect, test } from 'vitest';
import type { GpuAdapterSummary } from '../../engine/gpu/adapter-summary';
import { GPU_MIN_MULTIPLY_ADDS } from '../../engine/gpu/select';
import { describeBackend, type BackendFacts } from '../../src-main/backend/training/backend-description';

const CPU_KERNELS = 'WebAssembly SIMD, 2 threads';
const SMALL = 5376;

function facts(overrides: Partial<BackendFacts> = {}): BackendFacts {
  return { preference: 'auto', multiplyAdds: SMALL, adapter: null, cpuKernels: CPU_KERNELS, ...overrides };
}

function adapter(isFallbackAdapter: boolean): GpuAdapterSummary {
  const description = isFallbackAdapter ? 'llvmpipe' : 'NVIDIA H200';
  return { vendor: 'test', architecture: '', device: '', description, isFallbackAdapter };
}

describe('describeBackend', () => {
  test('small network on the CPU', () => {
    const engineReason = `${SMALL} multiply-adds per step, below the GPU threshold of ${GPU_MIN_MULTIPLY_ADDS}`;
    const event = describeBackend('run-1', { backend: 'cpu', reason: engineReason }, facts());

    expect(event.description).toBe('CPU (WebAssembly SIMD, 2 threads)');
    expect(event.reason).toBe('the network is small, so the CPU is faster than a GPU');
    expect(event.detail).toBe(engineReason);
  });

  test('chosen backend names the setting', () => {
    const cpu = describeBackend('run-1', { backend: 'cpu', reason: 'CPU requested' }, facts({ preference: 'cpu' }));
    expect(cpu.reason).toBe('you chose the CPU in the settings');

    const gpuFacts = facts({ preference: 'gpu', adapter: adapter(false) });
    const gpu = describeBackend('run-1', { backend: 'gpu', reason: 'GPU requested: NVIDIA H200' }, gpuFacts);
    expect(gpu.description).toBe('GPU (NVIDIA H200)');
    expect(gpu.reason).toBe('you chose the GPU in the settings');
  });

  test('large network without a usable GPU', () => {
    const large = GPU_MIN_MULTIPLY_ADDS * 2;
    const none = describeBackend('run-1', { backend: 'cpu', reason: 'no WebGPU adapter' }, facts({ multiplyAdds: large }));
    expect(none.reason).toBe('no GPU was found');

    const softwareFacts = facts({ multiplyAdds: large, adapter: adapter(true) });
    const software = describeBackend('run-1', { backend: 'cpu', reason: 'software adapter' }, softwareFacts);
    expect(software.reason).toBe('the only GPU is emulated in software, which is slower than the CPU');
  });

  test('large network on the GPU', () => {
    const gpuFacts = facts({ multiplyAdds: GPU_MIN_MULTIPLY_ADDS * 2, adapter: adapter(false) });
    const event = describeBackend('run-1', { backend: 'gpu', reason: 'many multiply-adds' }, gpuFacts);
    expect(event.reason).toBe('the network is large, so a GPU is faster than the CPU');
  });

  test('model the GPU path cannot train', () => {
    const reason = 'the GPU path does not support this model';
    const event = describeBackend('run-1', { backend: 'cpu', reason }, facts({ multiplyAdds: null }));
    expect(event.reason).toBe('the GPU cannot train this network yet');
  });
});
