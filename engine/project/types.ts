import type { Graph, LossName } from '../graph/types';

export type Task = 'regression' | 'binary' | 'multiclass';

/** Source of a project's data: a bundled data set by name, or a CSV file. */
export type DataSource =
  | { builtin: string }
  /** A CSV path, relative to the project file when it is not absolute. */
  | { file: string };

export interface DataSettings {
  source: DataSource;
  /** Feature column names, in the order the Input node receives them. */
  features: string[];
  /** Target column name. */
  target: string;
  task: Task;
  /** Standardise features with the training split's mean and standard deviation. */
  standardize: boolean;
  /** Drop rows with missing values instead of reporting them as an error. */
  dropMissing?: boolean;
}

export interface TrainingSettings {
  loss: LossName;
  optimizer: 'SGD' | 'Adam';
  lr: number;
  /** SGD only. */
  momentum: number;
  weightDecay: number;
  batchSize: number;
  epochs: number;
  shuffle: boolean;
  /** Share of the rows held out for validation, in [0, 1). */
  validationSplit: number;
  seed: number;
  /**
   * Where training runs: 'auto' (the default when absent) trains on a hardware GPU when the
   * model is large enough to gain, 'cpu' and 'gpu' force a backend.
   */
  backend?: 'auto' | 'cpu' | 'gpu';
}

export interface Project {
  format: 'wiregrad-project';
  version: 1;
  name: string;
  graph: Graph;
  data: DataSettings;
  training: TrainingSettings;
  /** Finished training runs and search trials, oldest first; absent in older project files. */
  runs?: RunRecord[];
}

/** Losses and metrics of one epoch; null where the value was not finite or there was no validation split. */
export interface RunPoint {
  epoch: number;
  trainLoss: number | null;
  validationLoss: number | null;
  /** Accuracy in [0, 1] for classification, MSE for regression. */
  trainMetric: number | null;
  validationMetric: number | null;
}

/** A finished training run as the project records it, for comparing runs. */
export interface RunRecord {
  id: string;
  /** Display name, such as "Run 3". */
  name: string;
  /** ISO 8601 time the run started. */
  startedAt: string;
  /** The settings the run trained with, seed included. */
  training: TrainingSettings;
  parameterCount: number;
  /** The layers in order, such as "Linear(4 → 16) → ReLU → Linear(16 → 3)". */
  architecture: string;
  metric: 'accuracy' | 'mse';
  stopReason: 'completed' | 'interrupted' | 'diverged';
  epochsRun: number;
  /** 1-based epoch with the lowest validation loss, whose weights the run kept. */
  bestEpoch: number;
  /** Figures at the best epoch. */
  best: RunPoint;
  /** Figures at the last epoch. */
  final: RunPoint;
  durationMs: number;
  /** Per-epoch curves, downsampled to at most `MAX_RUN_POINTS` points for long runs. */
  points: RunPoint[];
  /** Id of the random search that ran this trial; absent for runs started with Train. */
  searchId?: string;
}
