import { defineConfig } from 'vitest/config';

// Two projects: every test on the default TypeScript kernels, and the numeric suites again on
// the WebAssembly SIMD kernels split over worker threads, so both backends pass the same checks.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'default', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'] },
      },
      {
        extends: true,
        test: {
          name: 'wasm-kernels',
          include: ['test/parity/**/*.test.ts', 'test/gradcheck/**/*.test.ts', 'test/engine/**/*.test.ts', 'test/kernels/backend-active.test.ts'],
          setupFiles: ['test/setup/wasm-kernels.ts'],
          env: { WIREGRAD_EXPECT_BACKEND: 'wasm-simd' },
        },
      },
    ],
  },
});
