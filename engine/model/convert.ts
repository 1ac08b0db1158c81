/**
 * Conversion between a trained `nn.Sequential` and the model file: collecting the
 * weights and data facts into a ModelFile, and rebuilding the model from one.
 */

import { buildSequential } from '../graph/build-sequential';
import { parameterNames, type LayerSpec } from '../graph/layer-spec';
import type { Sequential } from '../nn';
import type { Task, TrainingSettings } from '../project/types';
import { Tensor } from '../tensor/tensor';
import { MODEL_FORMAT, MODEL_VERSION, type ModelFile, type ModelMetrics, type StateDictEntry } from './types';

/** Facts about the data that a model file stores. PreparedData has all of these fields. */
export interface DataFacts {
  features: string[];
  target: string;
  task: Task;
  classes: string[] | null;
  featureMean: number[];
  featureStd: number[];
}

export interface ModelFileInput {
  name: string;
  layers: LayerSpec[];
  model: Sequential;
  data: DataFacts;
  /** Whether the inputs were standardised; when false the file stores no mean and std. */
  standardized: boolean;
  training: TrainingSettings;
  metrics: ModelMetrics;
}

/**
 * Collects a trained model and its data facts into a ModelFile.
 *
 * @throws Error when the model's parameters do not match `layers`, which is a bug in the caller.
 */
export function createModelFile(input: ModelFileInput): ModelFile {
  const { layers, model, data } = input;
  const state = model.stateDict();
  const expected = layers.flatMap((layer, i) => parameterNames(layer, i));
  const actual = Object.keys(state);
  if (expected.join(',') !== actual.join(',')) {
    throw new Error(
      `Internal error: createModelFile got a model with parameters [${actual.join(', ')}], ` +
        `but its layers have [${expected.join(', ')}].`,
    );
  }

  const stateDict: Record<string, StateDictEntry> = {};
  for (const name of expected) {
    const tensor = state[name];
    stateDict[name] = { shape: [...tensor.shape], values: Float32Array.from(tensor.data) };
  }

  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    name: input.name,
    task: data.task,
    features: [...data.features],
    target: data.target,
    classes: data.classes === null ? null : [...data.classes],
    standardization: input.standardized ? { mean: [...data.featureMean], std: [...data.featureStd] } : null,
    layers: layers.map((layer) => ({ ...layer })),
    stateDict,
    training: { ...input.training },
    metrics: { ...input.metrics },
  };
}

/**
 * Rebuilds the `nn.Sequential` of a validated model file, with its weights loaded and
 * in evaluation mode.
 */
export function modelFromFile(file: ModelFile): Sequential {
  const model = buildSequential(file.layers);
  const state: Record<string, Tensor> = {};
  for (const [name, entry] of Object.entries(file.stateDict)) {
    state[name] = new Tensor(entry.values, entry.shape);
  }
  model.loadStateDict(state);
  return model.eval();
}
