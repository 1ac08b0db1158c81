import { describe, expect, it } from 'vitest';
import { nn, optim, manualSeed, randn, tensor, Tensor } from '../../engine';
import { FusedTrainingStep } from '../../engine/fused';

type LossName = 'ce' | 'ceProbs' | 'mse' | 'bce' | 'bceLogits';

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

function makeTarget(name: LossName, batch: number, width: number): Tensor {
  if (name === 'ce') return tensor(Int32Array.from({ length: batch }, (_, i) => (i * 7) % width));
  if (name === 'ceProbs') return randn([batch, width]).softmax(1).detach();
  if (name === 'mse') return randn([batch, width]);
  return tensor(Float32Array.from({ length: batch * width }, (_, i) => (i % 3 === 0 ? 1 : 0))).reshape([batch, width]);
}

/** Trains two copies of one model, with autograd and with the fused step, and compares weights. */
function compare(layers: () => nn.Module[], lossName: LossName, reduction: 'mean' | 'sum', useAdam: boolean): void {
  const reference = build(layers, 11);
  const fused = build(layers, 11);
  const inFeatures = (reference[0] as nn.Linear).inFeatures ?? 0;
  const outWidth = reference.forward(randn([1, inFeatures])).shape[1];
  const makeOptimizer = (model: nn.Sequential): optim.Optimizer =>
    useAdam
      ? new optim.Adam(model.parameters(), { lr: 0.01, weightDecay: 0.01 })
      : new optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.001 });
  const referenceOptimizer = makeOptimizer(reference);
  const fusedOptimizer = makeOptimizer(fused);
  const lossFn = makeLoss(lossName, reduction);
  const step = FusedTrainingStep.create(fused, lossFn, fusedOptimizer);
  expect(step).not.toBeNull();

  for (let i = 0; i < 5; i++) {
    const batch = 5 + i;
    const x = randn([batch, inFeatures]);
    const y = makeTarget(lossName, batch, outWidth);
    referenceOptimizer.zeroGrad();
    manualSeed(100 + i);
    const expected = lossFn.forward(reference.forward(x), y);
    expected.backward();
    referenceOptimizer.step();
    manualSeed(100 + i);
    const got = step!.step(x.data as Float32Array, y.data, batch);
    expect(got).toBeCloseTo(expected.item(), 5);
  }
  const referenceWeights = reference.parameters();
  fused.parameters().forEach((parameter, p) => {
    parameter.data.forEach((value, i) => {
      expect(Math.abs(value - referenceWeights[p].data[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(value)));
    });
  });
}

const mlp = (): nn.Module[] => [new nn.Linear(6, 8), new nn.ReLU(), new nn.Dropout(0.3), new nn.Linear(8, 4)];
const deep = (): nn.Module[] => [
  new nn.Linear(6, 8), new nn.Tanh(), new nn.Linear(8, 8), new nn.LeakyReLU(0.2), new nn.Linear(8, 3, false),
];
const probabilities = (): nn.Module[] => [new nn.Linear(6, 5), new nn.Sigmoid(), new nn.Linear(5, 2), new nn.Sigmoid()];
const softmaxEnd = (): nn.Module[] => [new nn.Linear(6, 4), new nn.Softmax(-1)];

describe('fused training step', () => {
  it('matches autograd with CrossEntropyLoss and SGD', () => compare(mlp, 'ce', 'mean', false));
  it('matches autograd with probability targets', () => compare(deep, 'ceProbs', 'sum', true));
  it('matches autograd with MSELoss and Adam', () => compare(deep, 'mse', 'mean', true));
  it('matches autograd with BCELoss after Sigmoid', () => compare(probabilities, 'bce', 'mean', false));
  it('matches autograd with BCEWithLogitsLoss', () => compare(mlp, 'bceLogits', 'sum', true));
  it('matches autograd through Softmax', () => compare(softmaxEnd, 'mse', 'mean', false));

  it('leaves a frozen layer untouched', () => {
    const model = build(mlp, 3);
    model[0].weight!.requiresGrad = false;
    const frozen = Array.from(model[0].weight!.data);
    const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });
    const step = FusedTrainingStep.create(model, new nn.CrossEntropyLoss(), optimizer)!;
    step.step(randn([4, 6]).data as Float32Array, Int32Array.of(0, 1, 2, 3), 4);
    expect(Array.from(model[0].weight!.data)).toEqual(frozen);
  });

  it('declines a layer used twice', () => {
    const shared = new nn.Linear(4, 4);
    const model = new nn.Sequential(shared, new nn.ReLU(), shared);
    const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });
    expect(FusedTrainingStep.create(model, new nn.MSELoss(), optimizer)).toBeNull();
  });

  it('declines a loss with reduction none', () => {
    const model = build(mlp, 3);
    const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });
    expect(FusedTrainingStep.create(model, new nn.CrossEntropyLoss({ reduction: 'none' }), optimizer)).toBeNull();
  });
});
