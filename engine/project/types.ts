import type { Graph, LossName } from '../graph/types';

export type Task = 'regression' | 'binary' | 'multiclass';

/** Where a project's data comes from: a bundled data set by name, or a CSV file. */
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
}
