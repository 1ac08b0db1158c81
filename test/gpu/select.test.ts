import { describe, expect, it } from 'vitest';
import { nn } from '../../engine';
import { planFusedStep } from '../../engine/fused';
import {
  chooseTrainingBackend,
  GPU_MIN_MULTIPLY_ADDS,
  multiplyAddsPerStep,
  shouldUseGpu,
  type GpuAdapterSummary,
} from '../../engine/gpu';

const hardware: GpuAdapterSummary = {
  vendor: 'nvidia',
  architecture: 'hopper',
  device: '',
  description: 'NVIDIA H200',
  isFallbackAdapter: false,
};
const software: GpuAdapterSummary = {
  vendor: 'mesa',
  architecture: 'software',
  device: 'llvmpipe',
  description: 'llvmpipe',
  isFallbackAdapter: true,
};

function plan(...layers: nn.Module[]) {
  return planFusedStep(new nn.Sequential(...layers), new nn.CrossEntropyLoss())!;
}

const small = plan(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 3));
const large = plan(new nn.Linear(784, 512), new nn.ReLU(), new nn.Linear(512, 10));

describe('training backend selection', () => {
  it('counts three matmuls per Linear layer', () => {
    expect(multiplyAddsPerStep(small, 10)).toBe(3 * 10 * (4 * 8 + 8 * 3));
  });

  it('picks the GPU for a large model on hardware', () => {
    expect(multiplyAddsPerStep(large, 64)).toBeGreaterThanOrEqual(GPU_MIN_MULTIPLY_ADDS);
    expect(chooseTrainingBackend(large, 64, hardware).backend).toBe('gpu');
    expect(shouldUseGpu(large, 64, hardware)).toBe(true);
  });

  it('keeps a small model on the CPU', () => {
    const choice = chooseTrainingBackend(small, 64, hardware);
    expect(choice.backend).toBe('cpu');
    expect(choice.reason).toMatch(/below the GPU threshold/);
  });

  it('keeps batch size 1 on the CPU', () => {
    expect(shouldUseGpu(large, 1, hardware)).toBe(false);
  });

  it('avoids a software adapter', () => {
    const choice = chooseTrainingBackend(large, 64, software);
    expect(choice.backend).toBe('cpu');
    expect(choice.reason).toMatch(/software adapter/);
  });

  it('uses the CPU without an adapter', () => {
    expect(chooseTrainingBackend(large, 64, null)).toEqual({ backend: 'cpu', reason: 'no WebGPU adapter' });
  });

  it('follows a forced choice', () => {
    expect(shouldUseGpu(large, 64, hardware, 'cpu')).toBe(false);
    expect(shouldUseGpu(small, 1, software, 'gpu')).toBe(true);
  });

  it('rejects a forced GPU without an adapter', () => {
    expect(() => chooseTrainingBackend(small, 8, null, 'gpu')).toThrow(/no WebGPU adapter is available/);
  });
});
