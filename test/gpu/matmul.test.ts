/// <reference types="@webgpu/types" />
import { afterAll, expect, it } from 'vitest';
import { manualSeed, randn } from '../../engine';
import { GpuContext } from '../../engine/gpu/context';
import { gpuMatmul } from '../../engine/gpu';
import { matmul, type MatmulOptions } from '../../engine/gpu/kernels/matmul';
import type { ActivationKind } from '../../engine/gpu/kernels/activation';
import { describeWithGpu, expectClose, gpuForTests, runAndRead } from './gpu-device';

const gpu = await gpuForTests();

function values(count: number, seed: number): Float32Array {
  manualSeed(seed);
  return randn([count]).data as Float32Array;
}

/** C = op(A) · op(B) in double precision; A is [m, k] or [k, m], B is [k, n] or [n, k]. */
function referenceMatmul(
  a: Float32Array,
  b: Float32Array,
  [m, n, k]: [number, number, number],
  { transA = false, transB = false }: MatmulOptions = {},
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let total = 0;
      for (let p = 0; p < k; p++) {
        const left = transA ? a[p * m + i] : a[i * k + p];
        const right = transB ? b[j * k + p] : b[p * n + j];
        total += left * right;
      }
      out[i * n + j] = total;
    }
  }
  return out;
}

function referenceActivation(kind: ActivationKind, x: number, slope: number): number {
  if (kind === 'relu') return x > 0 ? x : 0;
  if (kind === 'leakyRelu') return x > 0 ? x : x * slope;
  if (kind === 'sigmoid') return 1 / (1 + Math.exp(-x));
  return Math.tanh(x);
}

// Shapes [m, n, k] with tails in every dimension: tiles are 64 x 64, and k comes in slices of 16.
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [67, 33, 70],
  [64, 64, 16],
  [5, 130, 17],
  [129, 3, 65],
];

describeWithGpu('matmul kernel', gpu, ({ device }) => {
  const context = GpuContext.forDevice(device);
  afterAll(() => device.destroy());

  for (const [transA, transB] of [[false, false], [false, true], [true, false]] as const) {
    const form = `${transA ? 'T' : 'N'}${transB ? 'T' : 'N'}`;
    it(`matches the CPU for form ${form} on odd shapes`, async () => {
      for (const shape of SHAPES) {
        const [m, n, k] = shape;
        const a = values(m * k, m + k);
        const b = values(k * n, n + 2 * k);
        const buffers = {
          a: context.uploadBuffer(a, 'a'),
          b: context.uploadBuffer(b, 'b'),
          out: context.storageBuffer(m * n, 'out'),
        };
        const dispatch = matmul(context, buffers, { m, n, k }, { transA, transB });
        const got = await runAndRead(context, [dispatch], buffers.out, m * n);
        expectClose(got, referenceMatmul(a, b, shape, { transA, transB }), 1e-5, `${form} [${shape}]`);
      }
    });
  }

  for (const activation of ['relu', 'leakyRelu', 'sigmoid', 'tanh'] as const) {
    it(`fuses bias and ${activation} into the store`, async () => {
      const shape: [number, number, number] = [67, 33, 70];
      const [m, n, k] = shape;
      const slope = 0.15;
      const a = values(m * k, 1);
      const w = values(n * k, 2);
      const bias = values(n, 3);
      const buffers = {
        a: context.uploadBuffer(a, 'a'),
        b: context.uploadBuffer(w, 'w'),
        out: context.storageBuffer(m * n, 'z'),
        bias: context.uploadBuffer(bias, 'bias'),
        activated: context.storageBuffer(m * n, 'activated'),
      };
      const options = { transB: true, bias: true, activation };
      context.run([matmul(context, buffers, { m, n, k, slope }, options)]);
      const z = await context.readFloat32(buffers.out, m * n);
      const activated = await context.readFloat32(buffers.activated, m * n);

      const expectedZ = referenceMatmul(a, w, shape, { transB: true }).map((value, i) => value + bias[i % n]);
      const expectedActivated = expectedZ.map((value) => referenceActivation(activation, value, slope));
      expectClose(z, expectedZ, 1e-5, 'pre-activation');
      expectClose(activated, expectedActivated, 1e-5, activation);
    });
  }

  it('reuses a compiled pipeline', () => {
    const buffers = {
      a: context.uploadBuffer(values(4, 1), 'a'),
      b: context.uploadBuffer(values(4, 2), 'b'),
      out: context.storageBuffer(4, 'out'),
    };
    matmul(context, buffers, { m: 2, n: 2, k: 2 });
    const before = context.pipelineCount;
    matmul(context, buffers, { m: 2, n: 2, k: 2 });
    matmul(context, buffers, { m: 3, n: 1, k: 1 });
    expect(context.pipelineCount).toBe(before);

    // No other test uses the form TT, so it compiles one new pipeline.
    matmul(context, buffers, { m: 2, n: 2, k: 2 }, { transA: true, transB: true });
    expect(context.pipelineCount).toBe(before + 1);
  });

  it('gpuMatmul multiplies row-major matrices', async () => {
    const [n, k, m] = [37, 91, 23];
    const a = values(n * k, 5);
    const b = values(k * m, 6);
    const got = await gpuMatmul(device, a, b, n, k, m);
    expectClose(got, referenceMatmul(a, b, [n, m, k]), 1e-5, 'gpuMatmul');
  });

  it('gpuMatmul rejects a short input', async () => {
    const result = gpuMatmul(device, new Float32Array(5), new Float32Array(6), 2, 3, 2);
    await expect(result).rejects.toThrow(/a has 5 values, but \[2, 3\] needs 6/);
  });
});
