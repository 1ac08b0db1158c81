/**
 * A trained model as the model file (`"format": "wiregrad-model"`) stores it, after
 * loading: the architecture, the weights, and what a prediction needs besides them
 * (feature names, standardisation, class labels).
 */

import type { LayerSpec } from '../graph/layer-spec';
import type { Task, TrainingSettings } from '../project/types';

export const MODEL_FORMAT = 'wiregrad-model';
export const MODEL_VERSION = 1;

/** One tensor of the state dict: its shape and its values in row-major order. */
export interface StateDictEntry {
  shape: number[];
  values: Float32Array;
}

/** Mean and standard deviation per feature; inputs become (x - mean) / std. */
export interface Standardization {
  mean: number[];
  std: number[];
}

/** Figures of the stored weights (the epoch with the lowest validation loss). */
export interface ModelMetrics {
  /** Epochs that ran, which is fewer than training.epochs when training was stopped. */
  epochsRun: number;
  /** 1-based epoch whose weights the file stores. */
  bestEpoch: number;
  /** True when training was stopped before its last epoch. */
  interrupted: boolean;
  trainLoss: number;
  /** Null when there was no validation split. */
  valLoss: number | null;
  /** Classification only, as a share from 0 to 1. */
  trainAccuracy: number | null;
  valAccuracy: number | null;
  /** Regression only: mean squared error on the validation rows, in target units squared. */
  valMse: number | null;
}

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  name: string;
  task: Task;
  /** Feature column names, in the order of the model's inputs. */
  features: string[];
  target: string;
  /** Class labels by class index for classification (binary: [negative, positive]), else null. */
  classes: string[] | null;
  /** Null when the features go into the model unchanged. */
  standardization: Standardization | null;
  /** The layers of the `nn.Sequential`, in order. */
  layers: LayerSpec[];
  /** Parameters keyed by PyTorch `state_dict` names, such as `0.weight` and `0.bias`. */
  stateDict: Record<string, StateDictEntry>;
  training: TrainingSettings;
  metrics: ModelMetrics;
}
