/** Model files for tests, built from compiled graphs without training. */

import { compileGraph } from '../../engine/graph';
import { createModelFile, serializeModelFile, type ModelFile } from '../../engine/model';
import type { TrainingSettings } from '../../engine/project';
import { chainGraph } from '../graph/graph-builders';

export const trainingSettings: TrainingSettings = {
  loss: 'CrossEntropyLoss',
  optimizer: 'Adam',
  lr: 0.01,
  momentum: 0,
  weightDecay: 0,
  batchSize: 16,
  epochs: 10,
  shuffle: true,
  validationSplit: 0.2,
  seed: 3,
};

/**
 * Builds a multiclass model with every layer type: 5 features → Linear(8) → LeakyReLU(0.2)
 * → Dropout(0.3) → Linear(6, no bias) → Tanh → Linear(4) → Sigmoid → Linear(3) → Softmax.
 */
export function everyLayerModelFile(seed = 7): ModelFile {
  const graph = chainGraph([
    ['Input', { features: 5 }],
    ['Linear', { outFeatures: 8 }],
    ['LeakyReLU', { negativeSlope: 0.2 }],
    ['Dropout', { p: 0.3 }],
    ['Linear', { outFeatures: 6, bias: false, init: 'xavierUniform' }],
    ['Tanh'],
    ['Linear', { outFeatures: 4, init: 'kaimingUniform' }],
    ['Sigmoid'],
    ['Linear', { outFeatures: 3 }],
    ['Softmax'],
    ['Output'],
  ]);
  const compiled = compileGraph(graph, { seed });
  if (compiled.model === null || compiled.layers === null) {
    throw new Error(`everyLayerModelFile: the graph has errors: ${JSON.stringify(compiled.errors)}`);
  }

  return createModelFile({
    name: 'every layer',
    layers: compiled.layers,
    model: compiled.model,
    data: {
      features: ['a', 'b', 'c', 'd', 'e'],
      target: 'kind',
      task: 'multiclass',
      classes: ['x', 'y', 'z'],
      featureMean: [1, -2, 0.5, 10, 0],
      featureStd: [2, 0.5, 1, 3, 0.25],
    },
    standardized: true,
    training: trainingSettings,
    metrics: {
      epochsRun: 10,
      bestEpoch: 7,
      interrupted: false,
      trainLoss: 0.5,
      valLoss: 0.6,
      trainAccuracy: 0.8,
      valAccuracy: 0.75,
      valMse: null,
    },
  });
}

/** Returns the every-layer model file as parsed JSON, for editing into bad files. */
export function everyLayerJson(): unknown {
  return JSON.parse(serializeModelFile(everyLayerModelFile()));
}
