import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { jsKernels } from '../../engine/tensor/kernels/registry';
import { KernelMemory } from '../../engine/tensor/kernels/wasm/kernel-memory';
import { WasmGemm } from '../../engine/tensor/kernels/wasm/wasm-gemm';
import { Generator } from '../../engine';

const generator = new Generator(21);
const values = (count: number): Float32Array => Float32Array.from({ length: count }, () => generator.uniform(-1, 1));

setFlagsFromString('--experimental-wasm-relaxed-simd');
const gemm = new WasmGemm(true);
const kernels = gemm.kernelSet(jsKernels, 0);

describe('KernelMemory', () => {
  it('hands out aligned, zeroed, disjoint arrays inside the memory', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 64, shared: true });
    const heap = new KernelMemory(memory, 100);
    const first = heap.allocate(3);
    const second = heap.allocate(5);
    expect(heap.offsetOf(first)).toBe(112);
    expect(heap.offsetOf(second)).toBe(128);
    expect([...second]).toEqual([0, 0, 0, 0, 0]);
    expect(heap.offsetOf(new Float32Array(4))).toBe(-1);
  });

  it('grows the memory and keeps earlier arrays valid', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 64, shared: true });
    const heap = new KernelMemory(memory, 0);
    const small = heap.allocate(4);
    small.set([1, 2, 3, 4]);
    const large = heap.allocate(100_000);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(400_016);
    expect(heap.offsetOf(large)).toBe(16);
    expect([...small]).toEqual([1, 2, 3, 4]);
    expect(heap.offsetOf(small)).toBe(0);
  });

  it('returns ordinary arrays once the budget of live arrays is spent', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 64, shared: true });
    const heap = new KernelMemory(memory, 0, 64);
    const inside = [heap.allocate(8), heap.allocate(8)];
    expect(inside.map((array) => heap.offsetOf(array))).toEqual([0, 32]);
    expect(heap.offsetOf(heap.allocate(8))).toBe(-1);
    expect(heap.offsetOf(heap.allocateInside(8)!)).toBe(64);
  });

  it('returns an ordinary array beyond the maximum memory', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const heap = new KernelMemory(memory, 0);
    const array = heap.allocate(40_000);
    expect(array).toHaveLength(40_000);
    expect(heap.offsetOf(array)).toBe(-1);
    expect(heap.offsetOf(heap.allocate(10))).toBe(0);
  });
});

describe('WasmGemm with operands in kernel memory', () => {
  it.each([[13, 300, 31], [64, 513, 40]])('matches the copying path for [%i, %i, %i]', (n, k, m) => {
    for (const form of ['matmulNN', 'matmulNT', 'matmulTN'] as const) {
      const a = values(n * k);
      const sizes = { matmulNN: [k * m, n * m], matmulNT: [m * k, n * m], matmulTN: [n * m, k * m] };
      const [bSize, size] = sizes[form];
      const b = values(bSize);
      const copied = new Float32Array(size);
      kernels[form](a, b, copied, n, k, m);

      const [residentA, residentB, residentOut] = [kernels.allocate(a.length), kernels.allocate(b.length), kernels.allocate(size)];
      residentA.set(a);
      residentB.set(b);
      kernels[form](residentA, residentB, residentOut, n, k, m);
      expect(residentOut).toEqual(copied);
    }
  });

  it('copies the result when the output overlaps an operand', () => {
    const n = 8;
    const a = kernels.allocate(n * n);
    a.set(values(n * n));
    const b = values(n * n);
    const expected = new Float32Array(n * n);
    jsKernels.matmulNN(a, b, expected, n, n, n);
    kernels.matmulNN(a, b, a, n, n, n);
    for (let i = 0; i < n * n; i++) expect(a[i]).toBeCloseTo(expected[i], 5);
  });
});

describe('sgdMomentum kernel', () => {
  const length = 1031;
  const [lr, momentum, keep] = [0.01, 0.9, 0.8];

  function run(allocate: (length: number) => Float32Array): Float32Array[] {
    const seeded = new Generator(5);
    const fill = (array: Float32Array) => array.set(Float32Array.from({ length }, () => seeded.uniform(-1, 1)));
    const [p, grad, buffer] = [allocate(length), allocate(length), allocate(length)];
    fill(p);
    fill(grad);
    fill(buffer);
    kernels.sgdMomentum(p, grad, buffer, lr, momentum, keep);
    return [p, buffer];
  }

  it('updates arrays in kernel memory like the TypeScript loop', () => {
    const [p, buffer] = run(kernels.allocate);
    const [expectedP, expectedBuffer] = run((n) => new Float32Array(n));
    for (let i = 0; i < length; i++) {
      expect(Math.abs(p[i] - expectedP[i])).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(buffer[i] - expectedBuffer[i])).toBeLessThanOrEqual(1e-6);
    }
  });
});

describe('row and elementwise kernels in kernel memory', () => {
  // Large enough for WebAssembly: smaller arrays go to the TypeScript loops.
  const [rows, cols] = [37, 13];

  /** Copies `source` into kernel memory. */
  function resident(source: Float32Array): Float32Array {
    const array = kernels.allocate(source.length);
    array.set(source);
    return array;
  }

  it('addRowVector and columnSums match TypeScript', () => {
    const matrix = values(rows * cols);
    const row = values(cols);
    const expected = matrix.slice();
    jsKernels.addRowVector(expected, row, rows, cols);
    const got = resident(matrix);
    kernels.addRowVector(got, resident(row), rows, cols);
    expect(got).toEqual(expected);

    const expectedSums = new Float32Array(cols);
    jsKernels.columnSums(matrix, expectedSums, rows, cols);
    const sums = resident(values(cols));
    kernels.columnSums(resident(matrix), sums, rows, cols);
    expect(sums).toEqual(expectedSums);
  });

  it('relu and its backward match TypeScript, zeros and NaN included', () => {
    const input = Float32Array.from([...values(299), 0, -0, Number.NaN]);
    const grad = values(input.length);
    const [output, expected] = [kernels.allocate(input.length), new Float32Array(input.length)];
    jsKernels.relu(input, expected, input.length);
    kernels.relu(resident(input), output, input.length);
    expect(output).toEqual(expected);

    const [gradInput, expectedGrad] = [kernels.allocate(input.length), new Float32Array(input.length)];
    jsKernels.reluBackward(input, grad, expectedGrad, input.length);
    kernels.reluBackward(resident(input), resident(grad), gradInput, input.length);
    expect(gradInput).toEqual(expectedGrad);
  });

  it('falls back to TypeScript for arrays outside kernel memory', () => {
    const input = values(300);
    const output = new Float32Array(300);
    kernels.relu(input, output, 300);
    expect([...output]).toEqual([...input].map((x) => Math.max(x, 0)));
  });
});

describe('adam kernel', () => {
  it('updates arrays in kernel memory like the TypeScript loop', () => {
    const length = 1029;
    const step = { beta1: 0.9, beta2: 0.999, stepSize: 1e-3 / (1 - 0.9 ** 3), biasCorrection2Sqrt: Math.sqrt(1 - 0.999 ** 3), eps: 1e-8 };
    const seeded = new Generator(8);
    const sources = [0, 1, 2, 3].map(() => Float32Array.from({ length }, () => seeded.uniform(-1, 1)));
    sources[3] = sources[3].map(Math.abs);

    const expected = sources.map((source) => source.slice());
    jsKernels.adam(expected[0], expected[1], expected[2], expected[3], step);
    const got = sources.map((source) => {
      const array = kernels.allocate(length);
      array.set(source);
      return array;
    });
    kernels.adam(got[0], got[1], got[2], got[3], step);
    // Parameters, first moments and second moments; the gradient is only read.
    for (const array of [0, 2, 3]) {
      for (let i = 0; i < length; i++) expect(Math.abs(got[array][i] - expected[array][i])).toBeLessThanOrEqual(1e-6);
    }
  });
});
