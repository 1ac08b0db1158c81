import { describe, expect, it } from 'vitest';
import { getBackendInfo } from '../../engine';

// The wasm project runs this file with test/setup/wasm-kernels.ts; it fails there if the
// WebAssembly kernels could not be installed and the suite silently ran on TypeScript.
describe('kernel backend', () => {
  it('matches the project being run', () => {
    const expected = process.env.WIREGRAD_EXPECT_BACKEND ?? 'js';
    expect(getBackendInfo().backend).toBe(expected);
  });
});
