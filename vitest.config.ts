import { defineConfig } from 'vitest/config';

// Three projects: every unit test on the default TypeScript kernels; the numeric suites again
// on the WebAssembly SIMD kernels split over worker threads, so both backends pass the same
// checks. The GPU suites run there too, because their parameters then live in the kernels'
// shared memory, as in the app's training worker. The third project drives Chromium end to end.
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
          include: [
            'test/parity/**/*.test.ts',
            'test/gradcheck/**/*.test.ts',
            'test/engine/**/*.test.ts',
            'test/gpu/**/*.test.ts',
            'test/kernels/backend-active.test.ts',
          ],
          setupFiles: ['test/setup/wasm-kernels.ts'],
          env: { WIREGRAD_EXPECT_BACKEND: 'wasm-simd' },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Each file starts a browser shell and Chromium; on a 2-core machine, files run in
          // parallel starve each other until file choosers and animations time out.
          fileParallelism: false,
          // A page that waits on the backend (a project loading, a run finishing) can take
          // longer than expect.poll's default second on a busy machine.
          expect: { poll: { timeout: 15_000 } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
