import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';

// The renderer bundles the engine for the browser, so the modules it imports must not reach
// Node's built-in modules; the Node-only ones (the CSV file reader, the thread pool) stay out.
describe('engine bundle for the renderer', () => {
  it.each(['engine/index.ts', 'engine/graph/index.ts', 'engine/model/index.ts', 'engine/project/index.ts'])(
    '%s bundles for the browser',
    async (entry) => {
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        platform: 'browser',
        format: 'esm',
        write: false,
        logLevel: 'silent',
      });
      expect(result.errors).toEqual([]);
      expect(result.outputFiles[0].text).not.toMatch(/from\s+["']node:/);
    },
  );
});
