/// <reference types="@webgpu/types" />
import { expect, it } from 'vitest';
import { nn } from '../../engine';
import { FusedTrainingStep } from '../../engine/fused';
import { GpuTrainingStep } from '../../engine/gpu';
import { fixtures } from '../helpers/fixtures';
import { makeModel } from '../helpers/layers';
import { makeOptimizer } from '../helpers/optimizers';
import { fromFixture } from '../helpers/tensors';
import { describeWithGpu, gpuForTests } from './gpu-device';

const gpu = await gpuForTests();

/**
 * Relative tolerance for the GPU against PyTorch, the same as the CPU parity suite's. Both
 * compute in float32; WGSL sums in another order, which these short runs stay well within.
 */
const GPU_TOLERANCE = 1e-5;

describeWithGpu('PyTorch training runs on the GPU step', gpu, ({ device }) => {
  it.each(fixtures.training.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const model = makeModel(c.layers, c.initial);
    model.train();
    const optimizer = makeOptimizer(c, model.parameters());
    const lossFn = c.loss === 'CrossEntropyLoss' ? new nn.CrossEntropyLoss() : new nn.MSELoss();
    const step = GpuTrainingStep.create(model, lossFn, optimizer, device);
    if (step === null) throw new Error('the GPU step does not cover this fixture');

    const x = fromFixture(c.x);
    const y = fromFixture(c.y);
    const features = x.shape[1];
    const width = y.ndim === 2 ? y.shape[1] : 1;
    for (let epoch = 0; epoch < c.epochs; epoch++) {
      for (let start = 0; start < x.shape[0]; start += c.batchSize) {
        const rows = Math.min(c.batchSize, x.shape[0] - start);
        const input = (x.data as Float32Array).slice(start * features, (start + rows) * features);
        const target = y.data.slice(start * width, (start + rows) * width);
        step.step(input, target, rows);
      }
    }
    const losses = await step.readLosses();
    await step.syncToModel();
    step.destroy();

    expect(losses.length).toBe(c.losses.length);
    losses.forEach((loss, i) => expect(Math.abs(loss - c.losses[i])).toBeLessThan(GPU_TOLERANCE * Math.max(1, Math.abs(c.losses[i]))));
    const state = model.stateDict();
    for (const [name, value] of Object.entries(c.final)) {
      const expected = fromFixture(value).data;
      state[name].data.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(GPU_TOLERANCE * Math.max(1, Math.abs(expected[i]))));
    }
  });
});

it.each(fixtures.training.map((c) => [c.name, c] as const))('fused CPU step matches PyTorch: %s', (_name, c) => {
  const model = makeModel(c.layers, c.initial);
  model.train();
  const optimizer = makeOptimizer(c, model.parameters());
  const lossFn = c.loss === 'CrossEntropyLoss' ? new nn.CrossEntropyLoss() : new nn.MSELoss();
  const step = FusedTrainingStep.create(model, lossFn, optimizer);
  if (step === null) throw new Error('the fused step does not cover this fixture');

  const x = fromFixture(c.x);
  const y = fromFixture(c.y);
  const features = x.shape[1];
  const width = y.ndim === 2 ? y.shape[1] : 1;
  const losses: number[] = [];
  for (let epoch = 0; epoch < c.epochs; epoch++) {
    for (let start = 0; start < x.shape[0]; start += c.batchSize) {
      const rows = Math.min(c.batchSize, x.shape[0] - start);
      const input = (x.data as Float32Array).slice(start * features, (start + rows) * features);
      losses.push(step.step(input, y.data.slice(start * width, (start + rows) * width), rows));
    }
  }
  losses.forEach((loss, i) => expect(Math.abs(loss - c.losses[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(c.losses[i]))));
  const state = model.stateDict();
  for (const [name, value] of Object.entries(c.final)) {
    const expected = fromFixture(value).data;
    state[name].data.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected[i]))));
  }
});
