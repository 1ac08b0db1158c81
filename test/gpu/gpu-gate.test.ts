import { describe, expect, it } from 'vitest';
import { deviceOrSkip } from './gpu-device';

describe('GPU test gate', () => {
  const missing = { device: null, reason: 'WebGPU: no adapter found' } as const;

  it('fails without an adapter', () => {
    expect(() => deviceOrSkip(missing, false)).toThrow(
      /no adapter found.*install-webgpu-deps\.sh.*WIREGRAD_SKIP_GPU_TESTS=1/,
    );
  });

  it('skips when asked to', () => {
    expect(deviceOrSkip(missing, true)).toBeNull();
  });
});
