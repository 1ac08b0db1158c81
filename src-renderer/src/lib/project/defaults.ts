/** Settings of a new project and the loss each task starts with. */

import type { LossName } from '../../../../engine/graph/types';
import type { DataSettings, Task, TrainingSettings } from '../../../../engine/project/types';

/** The data set a new project starts with. */
export const DEFAULT_DATASET = 'iris';

export const DEFAULT_TRAINING: TrainingSettings = {
  loss: 'CrossEntropyLoss',
  optimizer: 'Adam',
  lr: 0.01,
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 16,
  epochs: 100,
  shuffle: true,
  validationSplit: 0.2,
  seed: 0,
};

/** Data settings before the data set's columns are known; the data panel fills them in. */
export const DEFAULT_DATA: DataSettings = {
  source: { builtin: DEFAULT_DATASET },
  features: [],
  target: '',
  task: 'multiclass',
  standardize: true,
  dropMissing: false,
};

/** The loss chosen when the task changes: the first one PyTorch courses teach for it. */
export const DEFAULT_LOSS: Record<Task, LossName> = {
  multiclass: 'CrossEntropyLoss',
  binary: 'BCEWithLogitsLoss',
  regression: 'MSELoss',
};

/** Plain-language names of the tasks, for selects and messages. */
export const TASK_NAMES: Record<Task, string> = {
  multiclass: 'Classification (3 or more classes)',
  binary: 'Binary classification (2 classes)',
  regression: 'Regression (predict a number)',
};

/** Integer targets with at most this many distinct values count as class labels. */
const MAX_INFERRED_CLASSES = 20;

/**
 * Guesses the task of a target column from its preview summary, with the engine's rule:
 * text, or at most 20 distinct whole numbers, is classification, anything else regression.
 */
export function inferTaskFromLabels(kind: 'numeric' | 'text', labels: string[] | null): Task {
  if (kind === 'text') return labels !== null && labels.length <= 2 ? 'binary' : 'multiclass';
  if (labels === null || labels.length > MAX_INFERRED_CLASSES) return 'regression';
  if (!labels.every((label) => Number.isInteger(Number(label)))) return 'regression';
  return labels.length <= 2 ? 'binary' : 'multiclass';
}
