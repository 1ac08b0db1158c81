/// <reference types="@webgpu/types" />
import { afterAll, expect, it } from 'vitest';
import { nn, optim, manualSeed, randn, Tensor } from '../../engine';
import { FusedTrainingStep } from '../../engine/fused';
import { GpuTrainingStep } from '../../engine/gpu';
import { describeWithGpu, expectClose, gpuForTests } from './gpu-device';

const gpu = await gpuForTests();

// Both steps compute in float32 but sum in different orders; after the steps below, losses and
// weights agree to this relative tolerance.
const TOLERANCE = 1e-4;

type LossName = 'ce' | 'ceProbs' | 'mse' | 'bce' | 'bceLogits';
type MakeOptimizer = (params: Tensor[]) => optim.Optimizer;

function build(layers: () => nn.Module[], seed: number): nn.Sequential {
  manualSeed(seed);
  return new nn.Sequential(...layers());
}

function makeLoss(name: LossName, reduction: 'mean' | 'sum'): nn.Module {
  if (name === 'ce' || name === 'ceProbs') return new nn.CrossEntropyLoss({ reduction });
  if (name === 'mse') return new nn.MSELoss({ reduction });
  if (name === 'bce') return new nn.BCELoss({ reduction });
  return new nn.BCEWithLogitsLoss({ reduction });
}

function makeTarget(name: LossName, batchSize: number, width: number): Int32Array | Float32Array {
  if (name === 'ce') return Int32Array.from({ length: batchSize }, (_, i) => (i * 7) % width);
  if (name === 'ceProbs') return randn([batchSize, width]).softmax(1).data as Float32Array;
  if (name === 'mse') return randn([batchSize, width]).data as Float32Array;
  return Float32Array.from({ length: batchSize * width }, (_, i) => (i % 3 === 0 ? 1 : 0));
}

function batch(batchSize: number, inFeatures: number): Float32Array {
  return randn([batchSize, inFeatures]).data as Float32Array;
}

interface Comparison {
  layers: () => nn.Module[];
  loss: LossName;
  reduction: 'mean' | 'sum';
  optimizer: MakeOptimizer;
  /** One step per entry; growing sizes reallocate the GPU buffers (default [5, 9, 3, 9, 12]). */
  batchSizes?: number[];
  /** Changes both models after they are built, for example to freeze a layer. */
  prepare?: (model: nn.Sequential) => void;
  /** Trains in evaluation mode, where Dropout is the identity on both backends. */
  evalMode?: boolean;
}

/** Trains two copies of one model, with the CPU fused step and the GPU step, and compares them. */
async function compare(device: GPUDevice, settings: Comparison): Promise<void> {
  const { layers, loss, reduction, optimizer, prepare, evalMode = false } = settings;
  const batchSizes = settings.batchSizes ?? [5, 9, 3, 9, 12];
  const cpuModel = build(layers, 11);
  const gpuModel = build(layers, 11);
  for (const model of [cpuModel, gpuModel]) {
    prepare?.(model);
    if (evalMode) model.eval();
  }
  const lossModule = makeLoss(loss, reduction);
  const cpuStep = FusedTrainingStep.create(cpuModel, lossModule, optimizer(cpuModel.parameters()))!;
  const gpuStep = GpuTrainingStep.create(gpuModel, lossModule, optimizer(gpuModel.parameters()), device);
  expect(gpuStep).not.toBeNull();
  const { widths } = cpuStep.plan;

  manualSeed(5);
  const cpuLosses: number[] = [];
  for (const batchSize of batchSizes) {
    const x = batch(batchSize, widths[0]);
    const y = makeTarget(loss, batchSize, widths[widths.length - 1]);
    cpuLosses.push(cpuStep.step(x, y, batchSize));
    gpuStep!.step(x, y, batchSize);
  }

  expect(gpuStep!.pendingLosses).toBe(batchSizes.length);
  expectClose(await gpuStep!.readLosses(), cpuLosses, TOLERANCE, 'losses');
  await gpuStep!.syncToModel();
  const cpuParameters = cpuModel.parameters();
  gpuModel.parameters().forEach((parameter, p) => {
    const label = `parameter ${p} [${parameter.shape.join(', ')}]`;
    expectClose(parameter.data, cpuParameters[p].data, TOLERANCE, label);
  });
  gpuStep!.destroy();
}

const sgdNesterov: MakeOptimizer = (params) =>
  new optim.SGD(params, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.001 });
const sgdDampened: MakeOptimizer = (params) =>
  new optim.SGD(params, { lr: 0.1, momentum: 0.5, dampening: 0.2 });
const sgdPlain: MakeOptimizer = (params) => new optim.SGD(params, { lr: 0.1 });
const adam: MakeOptimizer = (params) => new optim.Adam(params, { lr: 0.01, weightDecay: 0.01 });
const amsgrad: MakeOptimizer = (params) => new optim.Adam(params, { lr: 0.005, amsgrad: true });

const mlp = (): nn.Module[] => [
  new nn.Linear(6, 8), new nn.ReLU(), new nn.Dropout(0.3), new nn.Linear(8, 4),
];
const deep = (): nn.Module[] => [
  new nn.Linear(6, 8), new nn.Tanh(), new nn.Linear(8, 8), new nn.LeakyReLU(0.2), new nn.Linear(8, 3, false),
];
const probabilities = (): nn.Module[] => [
  new nn.Linear(6, 5), new nn.Sigmoid(), new nn.Linear(5, 2), new nn.Sigmoid(),
];
const softmaxEnd = (): nn.Module[] => [new nn.Linear(6, 4), new nn.Softmax(-1)];
// Dropout(0) is the identity, and it keeps each activation from being fused into the matmul.
const unfused = (): nn.Module[] => [
  new nn.Tanh(),
  new nn.Linear(6, 8), new nn.Dropout(0), new nn.ReLU(),
  new nn.Linear(8, 7), new nn.Dropout(0), new nn.Sigmoid(),
  new nn.Linear(7, 5), new nn.Dropout(0), new nn.LeakyReLU(0.1),
  new nn.Linear(5, 3),
];
// Wider than one 64 x 64 tile in every matmul form, with tails.
const wide = (): nn.Module[] => [new nn.Linear(70, 130), new nn.ReLU(), new nn.Linear(130, 10)];

describeWithGpu('GPU training step', gpu, ({ device }) => {
  afterAll(() => device.destroy());

  function createStep(model: nn.Sequential, loss: nn.Module, optimizer: optim.Optimizer): GpuTrainingStep {
    const step = GpuTrainingStep.create(model, loss, optimizer, device);
    expect(step).not.toBeNull();
    return step!;
  }

  it('matches the CPU with CrossEntropyLoss and Nesterov SGD', async () => {
    const settings = { layers: mlp, loss: 'ce', reduction: 'mean', optimizer: sgdNesterov, evalMode: true } as const;
    await compare(device, settings);
  });

  it('matches the CPU with probability targets and Adam', async () => {
    await compare(device, { layers: deep, loss: 'ceProbs', reduction: 'sum', optimizer: adam });
  });

  it('matches the CPU with MSELoss and AMSGrad', async () => {
    await compare(device, { layers: deep, loss: 'mse', reduction: 'mean', optimizer: amsgrad });
  });

  it('matches the CPU with BCELoss after Sigmoid', async () => {
    await compare(device, { layers: probabilities, loss: 'bce', reduction: 'mean', optimizer: sgdDampened });
  });

  it('matches the CPU with BCEWithLogitsLoss', async () => {
    const settings = { layers: mlp, loss: 'bceLogits', reduction: 'sum', optimizer: adam, evalMode: true } as const;
    await compare(device, settings);
  });

  it('matches the CPU through Softmax', async () => {
    await compare(device, { layers: softmaxEnd, loss: 'mse', reduction: 'sum', optimizer: sgdPlain });
  });

  it('matches the CPU with unfused activations', async () => {
    await compare(device, { layers: unfused, loss: 'ce', reduction: 'mean', optimizer: sgdNesterov });
  });

  it('matches the CPU across tile edges', async () => {
    const batchSizes = [67, 64, 130];
    await compare(device, { layers: wide, loss: 'ce', reduction: 'mean', optimizer: adam, batchSizes });
  });

  it('matches the CPU with a frozen first layer', async () => {
    const freeze = (model: nn.Sequential) => {
      model[0].weight!.requiresGrad = false;
      model[0].bias!.requiresGrad = false;
    };
    await compare(device, { layers: deep, loss: 'mse', reduction: 'mean', optimizer: adam, prepare: freeze });
  });

  it('leaves a frozen weight bit for bit untouched', async () => {
    const model = build(deep, 3);
    model[2].weight!.requiresGrad = false;
    const frozen = Array.from(model[2].weight!.data);
    const biasBefore = Array.from(model[2].bias!.data);
    const optimizer = new optim.SGD(model.parameters(), { lr: 0.5, weightDecay: 0.1 });
    const step = createStep(model, new nn.MSELoss(), optimizer);
    step.step(batch(4, 6), randn([4, 3]).data as Float32Array, 4);
    await step.syncToModel();
    expect(Array.from(model[2].weight!.data)).toEqual(frozen);
    expect(Array.from(model[2].bias!.data)).not.toEqual(biasBefore);
    step.destroy();
  });

  it('reads the mean loss and starts a new record', async () => {
    const model = build(mlp, 4);
    model.eval();
    const step = createStep(model, new nn.CrossEntropyLoss(), new optim.SGD(model.parameters(), { lr: 0.1 }));
    const x = batch(8, 6);
    const y = Int32Array.from({ length: 8 }, (_, i) => i % 4);
    step.step(x, y, 8);
    step.step(x, y, 8);
    const losses = await step.readLosses();
    step.step(x, y, 8);
    step.step(x, y, 8);
    const mean = await step.readLoss();

    // With a small learning rate, gradient descent on one fixed batch lowers its loss each step.
    expect(losses.length).toBe(2);
    expect(losses[1]).toBeLessThan(losses[0]);
    expect(mean).toBeLessThan(losses[1]);
    expect(step.pendingLosses).toBe(0);
    expect(await step.readLoss()).toBeNaN();
    step.destroy();
  });

  it('keeps every loss past the first history size', async () => {
    const model = build(softmaxEnd, 6);
    const step = createStep(model, new nn.MSELoss(), new optim.SGD(model.parameters(), { lr: 0 }));
    const x = batch(2, 6);
    const y = randn([2, 4]).data as Float32Array;
    for (let i = 0; i < 1500; i++) step.step(x, y, 2);
    const losses = await step.readLosses();
    expect(losses.length).toBe(1500);
    // With lr 0 every step computes the same loss, so the copied history must be uniform.
    expect(new Set(losses).size).toBe(1);
    step.destroy();
  });

  it('uploads weights changed on the CPU', async () => {
    const cpuModel = build(deep, 8);
    const gpuModel = build(deep, 8);
    const gpuStep = createStep(gpuModel, new nn.MSELoss(), new optim.SGD(gpuModel.parameters(), { lr: 0.1 }));
    const cpuOptimizer = new optim.SGD(cpuModel.parameters(), { lr: 0.1 });
    const cpuStep = FusedTrainingStep.create(cpuModel, new nn.MSELoss(), cpuOptimizer)!;
    for (const model of [cpuModel, gpuModel]) model[0].weight!.data.fill(0.05);
    gpuStep.syncFromModel();

    const x = batch(5, 6);
    const y = randn([5, 3]).data as Float32Array;
    cpuStep.step(x, y, 5);
    gpuStep.step(x, y, 5);
    await gpuStep.syncToModel();
    expectClose(gpuModel[2].weight!.data, cpuModel[2].weight!.data, TOLERANCE, 'weight after upload');
    gpuStep.destroy();
  });

  it('rejects an out-of-range class index and a short input', () => {
    const model = build(mlp, 3);
    const step = createStep(model, new nn.CrossEntropyLoss(), new optim.SGD(model.parameters(), { lr: 0.1 }));
    const labels = Int32Array.of(0, 1);
    expect(() => step.step(new Float32Array(12), Int32Array.of(0, 4), 2)).toThrow(
      /target 4 at position 1 is out of bounds/,
    );
    expect(() => step.step(new Float32Array(11), labels, 2)).toThrow(/input has 11 values/);
    expect(() => step.step(new Float32Array(12), labels, 0)).toThrow(/batchSize must be a positive integer/);
    step.destroy();
  });

  it('rejects a target that does not match the output', () => {
    const model = build(deep, 3);
    const step = createStep(model, new nn.MSELoss(), new optim.SGD(model.parameters(), { lr: 0.1 }));
    expect(() => step.step(new Float32Array(12), new Float32Array(5), 2)).toThrow(
      /target has 5 values but the output has 6/,
    );
    expect(() => step.step(new Float32Array(12), Int32Array.of(0, 1), 2)).toThrow(
      /mse loss: target must be float32/,
    );
    step.destroy();
  });

  it('declines a loss with reduction none', () => {
    const model = build(mlp, 3);
    const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });
    const loss = new nn.CrossEntropyLoss({ reduction: 'none' });
    expect(GpuTrainingStep.create(model, loss, optimizer, device)).toBeNull();
  });

  it('declines a parameter shared by two layers', () => {
    const first = new nn.Linear(4, 4);
    const second = new nn.Linear(4, 4);
    second.weight = first.weight;
    const model = new nn.Sequential(first, new nn.ReLU(), second);
    const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });
    expect(GpuTrainingStep.create(model, new nn.MSELoss(), optimizer, device)).toBeNull();
  });

  it('changes the model only on syncToModel', async () => {
    const model = build(mlp, 9);
    const step = createStep(model, new nn.CrossEntropyLoss(), new optim.Adam(model.parameters()));
    const before = Array.from(model[0].weight!.data);
    step.step(batch(3, 6), Int32Array.of(0, 1, 2), 3);
    expect(Array.from(model[0].weight!.data)).toEqual(before);
    await step.syncToModel();
    expect(Array.from(model[0].weight!.data)).not.toEqual(before);
    step.destroy();
  });
});
