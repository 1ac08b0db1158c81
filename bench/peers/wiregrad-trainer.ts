/**
 * Runs a training workload through the engine's own training loop, `train()` from
 * engine/train, which the app's training worker and the CLI use. It takes the fused
 * training step where the model supports it, and autograd otherwise.
 */
import type { nn } from '../../engine';
import type { PreparedData } from '../../engine/data/prepare';
import type { TrainingSettings } from '../../engine/project/types';
import { train } from '../../engine/train';
import type { TrainSpec } from '../spec';
import { buildModel, makeSyntheticData } from './wiregrad-model';

/** A model with its data and settings, ready for repeated `train()` calls. */
export interface TrainerSetup {
  spec: TrainSpec;
  model: nn.Sequential;
  data: PreparedData;
  settings: TrainingSettings;
}

/** Wraps the synthetic rows as PreparedData, all of them for training (no validation rows). */
function prepareRows(spec: TrainSpec): PreparedData {
  const rows = makeSyntheticData(spec);
  const features = Array.from({ length: rows.inFeatures }, (_, i) => `x${i}`);
  const last = spec.layers.filter((layer) => layer.type === 'linear').at(-1);
  const classCount = spec.loss === 'bce' || last === undefined ? 2 : last.outFeatures;
  return {
    trainX: rows.x,
    trainY: rows.y,
    valX: new Float32Array(0),
    valY: rows.y instanceof Int32Array ? new Int32Array(0) : new Float32Array(0),
    nTrain: spec.samples,
    nVal: 0,
    features,
    target: 'y',
    task: spec.loss === 'bce' ? 'binary' : 'multiclass',
    featureMean: features.map(() => 0),
    featureStd: features.map(() => 1),
    classes: Array.from({ length: classCount }, (_, i) => `class ${i}`),
    trainRows: Int32Array.from({ length: spec.samples }, (_, i) => i),
    valRows: new Int32Array(0),
  };
}

/** Builds the model, data and training settings of `spec`. */
export function setUpTrainer(spec: TrainSpec): TrainerSetup {
  const optimizer = spec.optimizer;
  const settings: TrainingSettings = {
    loss: spec.loss === 'bce' ? 'BCELoss' : 'CrossEntropyLoss',
    optimizer: optimizer.name === 'sgd' ? 'SGD' : 'Adam',
    lr: optimizer.lr,
    momentum: optimizer.name === 'sgd' ? optimizer.momentum : 0,
    weightDecay: 0,
    batchSize: spec.batchSize,
    epochs: spec.epochs,
    shuffle: true,
    validationSplit: 0,
    seed: spec.seed,
  };
  return { spec, model: buildModel(spec), data: prepareRows(spec), settings };
}

/** Trains `batches` batches with `train()`, stopping it after the last one (the warm-up). */
export async function trainerWarmUp(setup: TrainerSetup, batches: number): Promise<void> {
  if (batches === 0) return;

  const batchesPerEpoch = Math.ceil(setup.spec.samples / setup.spec.batchSize);
  const epochs = Math.ceil(batches / batchesPerEpoch);
  let done = 0;
  await train(setup.model, setup.data, { ...setup.settings, epochs }, {
    onBatch: () => {
      done += 1;
    },
    shouldStop: () => done >= batches,
  });
}

/** Trains spec.epochs whole epochs with `train()` and returns the last epoch's mean loss. */
export async function trainerRun(setup: TrainerSetup): Promise<number> {
  const result = await train(setup.model, setup.data, setup.settings);
  return result.history.at(-1)?.trainLoss ?? Number.NaN;
}
