/// <reference types="@webgpu/types" />
import { afterAll, it } from 'vitest';
import { manualSeed, randn, rand } from '../../engine';
import { GpuContext } from '../../engine/gpu/context';
import {
  activationBackward,
  activationForward,
  type ActivationKind,
} from '../../engine/gpu/kernels/activation';
import { softmaxBackward, softmaxForward } from '../../engine/gpu/kernels/softmax';
import { columnSums, sumToScalar } from '../../engine/gpu/kernels/reduce';
import { lossGradient } from '../../engine/gpu/kernels/loss';
import { lossForwardBackward } from '../../engine/fused/fused-loss';
import type { LossStep } from '../../engine/fused/plan';
import { describeWithGpu, expectClose, gpuForTests, runAndRead } from './gpu-device';

const gpu = await gpuForTests();

function normal(count: number, seed: number, std = 1): Float32Array {
  manualSeed(seed);
  return Float32Array.from(randn([count]).data, (value) => value * std);
}

/** Values that reach both saturated ends of sigmoid and tanh, zero, and the ReLU kink. */
function activationInputs(count: number): Float32Array {
  const values = normal(count, 7, 3);
  values.set([0, -0, 50, -50, 12, -12, 1e-6, -1e-6]);
  return values;
}

function referenceForward(kind: ActivationKind, x: number, slope: number): number {
  if (kind === 'relu') return x > 0 ? x : 0;
  if (kind === 'leakyRelu') return x > 0 ? x : x * slope;
  if (kind === 'sigmoid') return 1 / (1 + Math.exp(-x));
  return Math.tanh(x);
}

function referenceBackward(kind: ActivationKind, g: number, x: number, slope: number): number {
  const y = Math.fround(referenceForward(kind, x, slope));
  if (kind === 'relu') return x > 0 ? g : 0;
  if (kind === 'leakyRelu') return x > 0 ? g : g * slope;
  if (kind === 'sigmoid') return g * y * (1 - y);
  return g * (1 - y * y);
}

/** Softmax of each row of x and the input gradient for output gradient g, in double precision. */
function referenceSoftmax(x: Float32Array, g: Float32Array, rows: number, cols: number) {
  const output = new Float64Array(rows * cols);
  const gradInput = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    const row = Array.from(x.subarray(base, base + cols));
    const maxValue = Math.max(...row);
    const total = row.reduce((sum, value) => sum + Math.exp(value - maxValue), 0);
    const y = row.map((value) => Math.exp(value - maxValue) / total);
    const dot = y.reduce((sum, value, j) => sum + value * g[base + j], 0);
    y.forEach((value, j) => {
      output[base + j] = value;
      gradInput[base + j] = value * (g[base + j] - dot);
    });
  }
  return { output, gradInput };
}

interface LossCase {
  name: string;
  kind: LossStep;
  indices: boolean;
  reduction: 'mean' | 'sum';
}

const LOSS_CASES: LossCase[] = [
  { name: 'CrossEntropyLoss with class indices', kind: 'crossEntropy', indices: true, reduction: 'mean' },
  { name: 'CrossEntropyLoss with probabilities', kind: 'crossEntropy', indices: false, reduction: 'sum' },
  { name: 'MSELoss', kind: 'mse', indices: false, reduction: 'mean' },
  { name: 'BCELoss', kind: 'bce', indices: false, reduction: 'sum' },
  { name: 'BCEWithLogitsLoss', kind: 'bceWithLogits', indices: false, reduction: 'mean' },
];

/** Model outputs and targets for one loss case: [rows, cols], probabilities for BCELoss. */
function lossInputs({ kind, indices }: LossCase, rows: number, cols: number) {
  const size = rows * cols;
  let output = normal(size, 12, 4);
  if (kind === 'bce') {
    manualSeed(13);
    output = Float32Array.from(rand([size]).data, (value) => 0.001 + 0.998 * value);
  }
  let target: Int32Array | Float32Array;
  if (indices) {
    target = Int32Array.from({ length: rows }, (_, i) => (i * 3) % cols);
  } else if (kind === 'crossEntropy') {
    target = Float32Array.from(normal(size, 14), Math.abs);
  } else if (kind === 'mse') {
    target = normal(size, 15);
  } else {
    target = Float32Array.from({ length: size }, (_, i) => [1, 0, 0.25][i % 3]);
  }
  return { output, target };
}

describeWithGpu('element-wise and reduction kernels', gpu, ({ device }) => {
  const context = GpuContext.forDevice(device);
  afterAll(() => device.destroy());

  for (const kind of ['relu', 'leakyRelu', 'sigmoid', 'tanh'] as const) {
    it(`${kind} forward and backward match the CPU`, async () => {
      const count = 1000;
      const slope = 0.2;
      const x = activationInputs(count);
      const g = normal(count, 8);
      const input = context.uploadBuffer(x, 'x');
      const output = context.storageBuffer(count, 'y');
      const forwardDispatch = activationForward(context, kind, slope, input, output, count);
      const forward = await runAndRead(context, [forwardDispatch], output, count);
      const expectedForward = Array.from(x, (value) => referenceForward(kind, value, slope));
      expectClose(forward, expectedForward, 1e-6, `${kind} forward`);

      const saved = kind === 'relu' || kind === 'leakyRelu' ? input : output;
      const grad = context.uploadBuffer(g, 'grad');
      const gradInput = context.storageBuffer(count, 'gradInput');
      const backwardDispatch = activationBackward(context, kind, slope, saved, grad, gradInput, count);
      const backward = await runAndRead(context, [backwardDispatch], gradInput, count);
      const expectedBackward = Array.from(x, (value, i) => referenceBackward(kind, g[i], value, slope));
      expectClose(backward, expectedBackward, 1e-5, `${kind} backward`);
    });
  }

  it('softmax forward and backward match the CPU', async () => {
    const [rows, cols] = [37, 13];
    const x = normal(rows * cols, 9, 10);
    const g = normal(rows * cols, 10);
    const expected = referenceSoftmax(x, g, rows, cols);

    const input = context.uploadBuffer(x, 'x');
    const output = context.storageBuffer(rows * cols, 'y');
    const forward = softmaxForward(context, input, output, rows, cols);
    expectClose(await runAndRead(context, [forward], output, rows * cols), expected.output, 1e-6, 'forward');

    const gradInput = context.storageBuffer(rows * cols, 'gradInput');
    const grad = context.uploadBuffer(g, 'grad');
    const backward = softmaxBackward(context, output, grad, gradInput, rows, cols);
    const got = await runAndRead(context, [backward], gradInput, rows * cols);
    expectClose(got, expected.gradInput, 1e-5, 'backward');
  });

  it('column sums match the CPU for a tall matrix', async () => {
    const [rows, cols] = [301, 5];
    const values = normal(rows * cols, 11);
    const expected = new Float64Array(cols);
    values.forEach((value, i) => (expected[i % cols] += value));
    const out = context.storageBuffer(cols, 'sums');
    const dispatch = columnSums(context, context.uploadBuffer(values, 'values'), out, rows, cols);
    expectClose(await runAndRead(context, [dispatch], out, cols), expected, 1e-5, 'column sums');
  });

  it('sums a vector longer than the workgroup and scales it', async () => {
    for (const count of [1, 255, 1000, 4099]) {
      const values = normal(count, count);
      const expected = values.reduce((sum, value) => sum + value, 0) * 0.25;
      const out = context.storageBuffer(1, 'sum');
      const dispatch = sumToScalar(context, context.uploadBuffer(values, 'values'), out, count, 0.25);
      expectClose(await runAndRead(context, [dispatch], out, 1), [expected], 1e-5, `sum of ${count}`);
    }
  });

  for (const lossCase of LOSS_CASES) {
    const { name, kind, indices, reduction } = lossCase;
    it(`${name} matches the CPU loss and gradient`, async () => {
      const [rows, cols] = [9, 5];
      const size = rows * cols;
      const { output, target } = lossInputs(lossCase, rows, cols);
      const expectedGrad = new Float32Array(size);
      const expectedLoss = lossForwardBackward(kind, reduction, output, target, expectedGrad, rows, cols);

      const meanDenominator = kind === 'crossEntropy' ? rows : size;
      const scale = reduction === 'mean' ? 1 / meanDenominator : 1;
      const buffers = {
        output: context.uploadBuffer(output, 'output'),
        target: context.uploadBuffer(target, 'target'),
        grad: context.storageBuffer(size, 'grad'),
        terms: context.storageBuffer(size, 'terms'),
      };
      const loss = context.storageBuffer(1, 'loss');
      const targetKind = indices ? 'indices' : 'values';
      const { dispatch, termCount } = lossGradient(context, kind, targetKind, buffers, rows, cols, scale);
      const sum = sumToScalar(context, buffers.terms, loss, termCount, scale);
      expectClose(await runAndRead(context, [dispatch, sum], loss, 1), [expectedLoss], 1e-5, `${name} loss`);
      const gotGrad = await context.readFloat32(buffers.grad, size);
      expectClose(gotGrad, expectedGrad, 1e-5, `${name} gradient`);
    });
  }
});
