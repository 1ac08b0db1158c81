import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';

// The renderer gets its device from navigator.gpu, so engine/gpu/index.ts must bundle for the
// browser without Node's modules or the native 'webgpu' package, which node-device.ts imports.
describe('GPU backend bundle for the renderer', () => {
  it('engine/gpu/index.ts bundles for the browser', async () => {
    const result = await build({
      entryPoints: ['engine/gpu/index.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const text = result.outputFiles[0].text;
    expect(text).not.toMatch(/from\s+["']node:/);
    expect(text).not.toMatch(/from\s+["']webgpu["']/);
    expect(text).toContain('GpuTrainingStep');
  });
});
