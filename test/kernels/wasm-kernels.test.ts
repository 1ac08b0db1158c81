import { setFlagsFromString } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { jsKernels, type KernelSet } from '../../engine/tensor/kernels/registry';
import { WasmGemm } from '../../engine/tensor/kernels/wasm/wasm-gemm';
import { columnChunk, GemmThreadPool } from '../../engine/tensor/kernels/wasm/thread-pool';
import { Generator } from '../../engine';

const generator = new Generator(9);
const values = (count: number): Float32Array => Float32Array.from({ length: count }, () => generator.uniform(-1, 1));

const single = new WasmGemm(false);
const threaded = new WasmGemm(false);
setFlagsFromString('--experimental-wasm-relaxed-simd');
const relaxed = new WasmGemm(true);
const pool = new GemmThreadPool(threaded, 3, 0);
threaded.setRunner((job) => pool.run(threaded, job));
afterAll(() => pool.close());

/** Shapes [n, k, m] with every tail the kernels handle: rows not a multiple of 4 or of a row chunk, odd columns, deep sums, outputs wide enough to split by columns. */
const shapes: [number, number, number][] = [
  [1, 1, 1], [3, 5, 7], [4, 8, 8], [5, 9, 17], [13, 300, 31], [64, 513, 40], [2, 1000, 9], [261, 300, 19], [37, 70, 203],
];

function inputs(form: keyof KernelSet, n: number, k: number, m: number): [Float32Array, Float32Array, number] {
  if (form === 'matmulNN') return [values(n * k), values(k * m), n * m];
  if (form === 'matmulNT') return [values(n * k), values(m * k), n * m];
  return [values(n * k), values(n * m), k * m];
}

it('loads the relaxed-SIMD build where the engine supports it', () => {
  expect(single.relaxed).toBe(false);
  expect(relaxed.relaxed).toBe(true);
});

describe.each([
  ['one thread', single],
  ['three threads', threaded],
  ['one thread with fused multiply-add', relaxed],
])('WebAssembly gemm on %s', (_name, gemm) => {
  for (const form of ['matmulNN', 'matmulNT', 'matmulTN'] as const) {
    it.each(shapes)(`${form} matches TypeScript for [%i, %i, %i]`, (n, k, m) => {
      const [a, b, size] = inputs(form, n, k, m);
      const expected = new Float32Array(size);
      const got = new Float32Array(size).fill(Number.NaN);
      jsKernels[form](a, b, expected, n, k, m);
      gemm[form](a, b, got, n, k, m);
      for (let i = 0; i < size; i++) {
        expect(Math.abs(got[i] - expected[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(expected[i])) * Math.sqrt(k));
      }
    });
  }
});

describe('columnChunk', () => {
  it.each([
    [24, 2, 0],
    [40, 2, 8],
    [64, 2, 8],
    [256, 2, 32],
    [203, 3, 24],
    [3072, 2, 384],
  ])('splits %i columns over %i threads into chunks of %i', (cols, threads, chunk) => {
    expect(columnChunk(cols, threads)).toBe(chunk);
  });
});
