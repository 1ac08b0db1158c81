import { describe, expect, it } from 'vitest';

import { compileGraph } from '../../engine/graph';
import type { NodeParams, NodeType } from '../../engine/graph/types';
import type { Sequential } from '../../engine/nn';
import type { TrainingSettings } from '../../engine/project';
import { Tensor } from '../../engine/tensor/tensor';
import { evaluate, predict, train, TrainingError, type BatchProgress, type EpochProgress } from '../../engine/train';
import { chainGraph } from '../graph/graph-builders';
import { syntheticData } from './synthetic-data';

const baseSettings: TrainingSettings = {
  loss: 'CrossEntropyLoss',
  optimizer: 'Adam',
  lr: 0.01,
  momentum: 0,
  weightDecay: 0,
  batchSize: 16,
  epochs: 8,
  shuffle: true,
  validationSplit: 0.2,
  seed: 5,
};

/** Compiles a 4-feature network with the given middle layers and output width. */
function buildModel(
  middle: [NodeType, NodeParams?][],
  outFeatures: number,
  options: { seed?: number; tail?: [NodeType, NodeParams?][]; firstParams?: NodeParams } = {},
): Sequential {
  const compiled = compileGraph(
    chainGraph([
      ['Input', { features: 4 }],
      ['Linear', { outFeatures: 8, ...options.firstParams }],
      ...middle,
      ['Linear', { outFeatures }],
      ...(options.tail ?? []),
      ['Output'],
    ]),
    { seed: options.seed ?? 1 },
  );
  if (compiled.model === null) throw new Error(`buildModel: ${JSON.stringify(compiled.errors)}`);
  return compiled.model;
}

function weightsOf(model: Sequential): number[] {
  return model.parameters().flatMap((parameter) => Array.from(parameter.data));
}

describe('train', () => {
  it('gives identical runs for the same seed', async () => {
    const data = syntheticData('multiclass');
    const first = await train(buildModel([['ReLU'], ['Dropout', { p: 0.3 }]], 3), data, baseSettings);
    const second = await train(buildModel([['ReLU'], ['Dropout', { p: 0.3 }]], 3), data, baseSettings);

    expect(weightsOf(second.model)).toEqual(weightsOf(first.model));
    expect(second.history.map((epoch) => epoch.trainLoss)).toEqual(first.history.map((epoch) => epoch.trainLoss));
  });

  it('fused and autograd steps agree', async () => {
    const data = syntheticData('multiclass');
    const layers: [NodeType, NodeParams?][] = [['Tanh'], ['Dropout', { p: 0.2 }], ['Linear', { outFeatures: 6 }], ['LeakyReLU']];
    const settings: TrainingSettings = { ...baseSettings, optimizer: 'SGD', momentum: 0.9, weightDecay: 0.01 };
    const fused = await train(buildModel(layers, 3), data, settings);
    const autograd = await train(buildModel(layers, 3), data, settings, { fused: false });

    const expected = weightsOf(autograd.model);
    weightsOf(fused.model).forEach((value, i) => {
      expect(Math.abs(value - expected[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected[i])));
    });
    fused.history.forEach((epoch, i) => {
      expect(epoch.trainLoss).toBeCloseTo(autograd.history[i].trainLoss, 5);
    });
  });

  it('gives different runs for different seeds', async () => {
    const data = syntheticData('multiclass');
    const first = await train(buildModel([['ReLU']], 3), data, baseSettings);
    const second = await train(buildModel([['ReLU']], 3), data, { ...baseSettings, seed: 6 });

    expect(second.history[0].trainLoss).not.toBe(first.history[0].trainLoss);
  });

  it('reports every batch and epoch', async () => {
    const data = syntheticData('multiclass');
    const batches: BatchProgress[] = [];
    const epochs: EpochProgress[] = [];
    await train(buildModel([['ReLU']], 3), data, baseSettings, {
      onBatch: (progress) => batches.push(progress),
      onEpoch: (progress) => epochs.push(progress),
    });

    expect(batches).toHaveLength(8 * 10);
    expect(batches[9]).toMatchObject({ epoch: 1, batch: 10, batches: 10 });
    expect(epochs.map((epoch) => epoch.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(epochs[7]).toMatchObject({ epochs: 8, partial: false });
    expect(epochs[7].valAccuracy).toBeGreaterThan(0.9);
    expect(epochs[7].trainAccuracy).toBeGreaterThan(0.9);
    expect(epochs[7].valMse).toBeUndefined();
    expect(epochs[7].seconds).toBeGreaterThanOrEqual(0);
  });

  it('returns the weights of the lowest validation loss', async () => {
    const data = syntheticData('multiclass');
    const result = await train(buildModel([['ReLU']], 3), data, { ...baseSettings, lr: 0.05, epochs: 15 });
    const lowest = Math.min(...result.history.map((epoch) => epoch.valLoss ?? Infinity));
    const check = evaluate(result.model, data.valX, data.valY, data.nVal, { task: 'multiclass', loss: 'CrossEntropyLoss' });

    expect(result.best.valLoss).toBe(lowest);
    expect(check.loss).toBeCloseTo(lowest, 6);
    expect(result.history[result.bestEpoch - 1]).toBe(result.best);
    expect(result.model.training).toBe(false);
  });

  it('stops after the current batch when shouldStop returns true', async () => {
    const data = syntheticData('multiclass');
    let seen = 0;
    const result = await train(buildModel([['ReLU']], 3), data, baseSettings, {
      onBatch: () => (seen += 1),
      shouldStop: () => seen >= 13,
    });

    expect(seen).toBe(13);
    expect(result.stopReason).toBe('interrupted');
    expect(result.history).toHaveLength(2);
    expect(result.history[1].partial).toBe(true);
  });

  it('stops when the AbortSignal aborts', async () => {
    const data = syntheticData('multiclass');
    const controller = new AbortController();
    const result = await train(buildModel([['ReLU']], 3), data, baseSettings, {
      onBatch: (progress) => {
        if (progress.epoch === 3 && progress.batch === 1) controller.abort();
      },
      signal: controller.signal,
    });

    expect(result.stopReason).toBe('interrupted');
    expect(result.history).toHaveLength(3);
  });

  it('keeps frozen layers unchanged', async () => {
    const model = buildModel([['ReLU']], 3, { firstParams: { frozen: true } });
    const frozenBefore = Array.from(model.parameters()[0].data);
    const headBefore = Array.from(model.parameters()[2].data);
    await train(model, syntheticData('multiclass'), baseSettings);

    expect(Array.from(model.parameters()[0].data)).toEqual(frozenBefore);
    expect(Array.from(model.parameters()[2].data)).not.toEqual(headBefore);
  });

  it('trains a binary model with BCEWithLogitsLoss', async () => {
    const result = await train(buildModel([['Tanh']], 1), syntheticData('binary'), {
      ...baseSettings,
      loss: 'BCEWithLogitsLoss',
      epochs: 15,
    });

    expect(result.best.valAccuracy).toBeGreaterThan(0.9);
  });

  it('trains a binary model ending in Sigmoid with BCELoss', async () => {
    const result = await train(buildModel([['LeakyReLU', { negativeSlope: 0.1 }]], 1, { tail: [['Sigmoid']] }), syntheticData('binary'), {
      ...baseSettings,
      loss: 'BCELoss',
      epochs: 15,
    });

    expect(result.best.valAccuracy).toBeGreaterThan(0.9);
  });

  it('trains a regression model with MSELoss and SGD', async () => {
    const data = syntheticData('regression');
    const result = await train(buildModel([['ReLU']], 1), data, {
      ...baseSettings,
      loss: 'MSELoss',
      optimizer: 'SGD',
      lr: 0.01,
      momentum: 0.9,
      epochs: 30,
    });
    const valY = Array.from(data.valY);
    const mean = valY.reduce((sum, value) => sum + value, 0) / valY.length;
    const variance = valY.reduce((sum, value) => sum + (value - mean) ** 2, 0) / valY.length;

    expect(result.best.valMse).toBe(result.best.valLoss);
    expect(result.best.valMse).toBeLessThan(variance / 20);
    expect(result.best.valAccuracy).toBeUndefined();
  });

  it('selects by training loss without validation rows', async () => {
    const data = { ...syntheticData('multiclass'), valX: new Float32Array(0), valY: new Int32Array(0), nVal: 0 };
    const result = await train(buildModel([['ReLU']], 3), data, baseSettings);

    expect(result.best.valLoss).toBeNull();
    expect(result.best.trainLoss).toBe(Math.min(...result.history.map((epoch) => epoch.trainLoss)));
  });

  it('stops a diverging run and keeps the best epoch', async () => {
    const data = syntheticData('regression');
    data.trainY[100] = 3e38;
    const result = await train(buildModel([['ReLU']], 1), data, { ...baseSettings, loss: 'MSELoss', shuffle: false });

    expect(result.stopReason).toBe('diverged');
    expect(result.history).toHaveLength(1);
    expect(result.history[0].partial).toBe(true);
    expect(Number.isFinite(result.best.valLoss)).toBe(true);
  });

  it.each([
    ['MSELoss', 3, [], /MSELoss does not fit a multiclass task\. Set the loss to CrossEntropyLoss\./],
    ['BCELoss', 1, [], /BCELoss needs probabilities, so the model must end in Sigmoid/],
    ['BCEWithLogitsLoss', 1, [['Sigmoid']], /BCEWithLogitsLoss applies the sigmoid itself/],
  ] as const)('rejects %s for the wrong model', async (loss, outFeatures, tail, message) => {
    const task = outFeatures === 3 ? 'multiclass' : 'binary';
    const model = buildModel([['ReLU']], outFeatures, { tail: tail.map(([type]) => [type]) });
    const run = train(model, syntheticData(task), { ...baseSettings, loss });

    await expect(run).rejects.toThrow(message);
  });

  it('reports a run that diverges from the start', async () => {
    const data = syntheticData('regression');
    data.trainY.fill(3e38);
    const run = train(buildModel([['ReLU']], 1), data, { ...baseSettings, loss: 'MSELoss', optimizer: 'SGD', lr: 10 });

    await expect(run).rejects.toThrow(TrainingError);
    await expect(run).rejects.toThrow(/Lower the learning rate/);
    await expect(run).rejects.toThrow(/produced an infinite or NaN loss before the first epoch ended/);
  });
});

describe('predict', () => {
  it('runs in eval mode without gradients and restores the mode', () => {
    const model = buildModel([['Dropout', { p: 0.9 }]], 3);
    model.train();
    const x = new Tensor(Float32Array.from({ length: 8 }, (_, i) => i / 8), [2, 4]);
    const first = predict(model, x);
    const second = predict(model, x);

    expect(first.shape).toEqual([2, 3]);
    expect(Array.from(second.data)).toEqual(Array.from(first.data));
    expect(first.requiresGrad).toBe(false);
    expect(model.training).toBe(true);
  });
});
