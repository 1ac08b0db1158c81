/// <reference types="@webgpu/types" />
import { expect, it } from 'vitest';
import { compileGraph } from '../../engine/graph';
import type { TrainingSettings } from '../../engine/project';
import { train, type TrainOptions } from '../../engine/train';
import type { BackendChoice } from '../../engine/gpu';
import { chainGraph } from '../graph/graph-builders';
import { syntheticData } from '../train/synthetic-data';
import { describeWithGpu, gpuForTests } from './gpu-device';

const gpu = await gpuForTests();

const settings: TrainingSettings = {
  loss: 'CrossEntropyLoss',
  optimizer: 'SGD',
  lr: 0.05,
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 16,
  epochs: 4,
  shuffle: true,
  validationSplit: 0.2,
  seed: 3,
};

function irisLikeModel() {
  const compiled = compileGraph(
    chainGraph([['Input', { features: 4 }], ['Linear', { outFeatures: 8 }], ['ReLU'], ['Linear', { outFeatures: 3 }], ['Output']]),
    { seed: 1 },
  );
  if (compiled.model === null) throw new Error(JSON.stringify(compiled.errors));
  return compiled.model;
}

describeWithGpu('train() on the GPU', gpu, (device) => {
  it('matches the CPU run when the GPU is forced', async () => {
    const data = syntheticData('multiclass');
    const choices: BackendChoice[] = [];
    const options: TrainOptions = { gpu: device, backend: 'gpu', onBackend: (choice) => choices.push(choice) };
    const onGpu = await train(irisLikeModel(), data, settings, options);
    const onCpu = await train(irisLikeModel(), data, settings, { backend: 'cpu' });

    expect(choices.map((choice) => choice.backend)).toEqual(['gpu']);
    onGpu.history.forEach((epoch, i) => {
      expect(Math.abs(epoch.trainLoss - onCpu.history[i].trainLoss)).toBeLessThan(1e-4 * Math.max(1, onCpu.history[i].trainLoss));
      expect(Math.abs((epoch.valLoss ?? 0) - (onCpu.history[i].valLoss ?? 0))).toBeLessThan(1e-4);
    });
    const cpuWeights = onCpu.model.parameters().flatMap((parameter) => Array.from(parameter.data));
    onGpu.model.parameters().flatMap((parameter) => Array.from(parameter.data)).forEach((value, i) => {
      expect(Math.abs(value - cpuWeights[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(cpuWeights[i])));
    });
  });

  it('keeps a small model on the CPU when left to choose', async () => {
    const choices: BackendChoice[] = [];
    await train(irisLikeModel(), syntheticData('multiclass'), { ...settings, epochs: 1 }, {
      gpu: device,
      onBackend: (choice) => choices.push(choice),
    });
    expect(choices[0].backend).toBe('cpu');
  });
});
