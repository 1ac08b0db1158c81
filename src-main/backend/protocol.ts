/**
 * The request/response channels and event types that the renderer and the backend share.
 * Both shells carry the same messages: Electron over IPC, the browser shell over one
 * WebSocket. Every request payload is validated against the schemas in `schemas.ts`
 * before the backend reads it.
 */

import type { ModelMetrics } from '../../engine/model/types';
import type { Project, Task } from '../../engine/project/types';
import type { SearchOptions, SearchSnapshot } from './search/search-protocol';
import type {
  BoundaryPoints,
  DecisionBoundary,
  Diagnosis,
  LayerStats,
  ModelSource,
  SamplePrediction,
} from './insight-types';

/** A bundled data set as the data panel lists it. */
export interface DatasetInfo {
  name: string;
  title: string;
  description: string;
  rowCount: number;
  features: string[];
  target: string;
  task: Task;
}

/** One column of a table preview, with what the data panel needs to suggest settings. */
export interface ColumnInfo {
  name: string;
  /** 'text' when at least one cell is neither a number nor missing. */
  kind: 'numeric' | 'text';
  /** Cells that are empty or a missing marker (NA, N/A, NaN, ?, null). */
  missingCount: number;
  /** Cells that are neither a number nor missing. */
  textCount: number;
  /** The first such cell and its 1-based line in the file, or null when there is none. */
  firstText: { line: number; text: string } | null;
  /**
   * The column's distinct values in class-index order, as the trainer encodes them,
   * or null when it has more than `MAX_LISTED_LABELS`.
   */
  labels: string[] | null;
}

/** Columns with more distinct values than this get no `labels`. */
export const MAX_LISTED_LABELS = 100;

/** The first rows and a summary of every column of a data set or uploaded CSV. */
export interface TablePreview {
  fileName: string;
  rowCount: number;
  columns: ColumnInfo[];
  /** The first `PREVIEW_ROWS` rows, one display text per cell ('' when missing). */
  rows: string[][];
  /** Column suggested as the target: a bundled data set's own target, else the last column. */
  suggestedTarget: string;
  /** The task that the suggested target implies. */
  suggestedTask: Task;
}

/** Number of rows a table preview carries. */
export const PREVIEW_ROWS = 50;

/** Number of misclassified samples an evaluation lists; it counts all of them. */
export const MAX_LISTED_MISCLASSIFIED = 100;

/** A sample the trained model got wrong, for the misclassified table. */
export interface MisclassifiedSample {
  /** 1-based data row of the source table. */
  row: number;
  actual: string;
  predicted: string;
  /** Probability the model gave its prediction, in [0, 1]. */
  confidence: number;
  /** Feature cells of the row as the CSV file has them, in the order of `DataSettings.features`. */
  features: string[];
}

/** Scores of the best model on the validation rows (or the training rows without a split). */
export type Evaluation =
  | {
      task: 'binary' | 'multiclass';
      split: 'validation' | 'training';
      classes: string[];
      /** confusion[actual][predicted] counts. */
      confusion: number[][];
      accuracy: number;
      misclassified: MisclassifiedSample[];
      misclassifiedCount: number;
      /** Feature column names, in the order of `MisclassifiedSample.features`. */
      features: string[];
    }
  | {
      task: 'regression';
      split: 'validation' | 'training';
      /** One point per evaluated row, in the target's own units. */
      points: { actual: number; predicted: number }[];
      mse: number;
      target: string;
    };

/** Events a training run streams, in order: start, batch/epoch, then done or error. */
export type TrainingEvent =
  | {
      kind: 'start';
      runId: string;
      epochs: number;
      batchesPerEpoch: number;
      trainRows: number;
      validationRows: number;
      metric: 'accuracy' | 'mse';
    }
  /**
   * The device the run trains on, once it is decided, such as 'CPU (WebAssembly SIMD,
   * 2 threads)'. It comes with the reason in plain words and the engine's technical reason.
   */
  | { kind: 'backend'; runId: string; backend: 'cpu' | 'gpu'; description: string; reason: string; detail: string }
  | { kind: 'batch'; runId: string; epoch: number; batch: number; loss: number; elapsedMs: number }
  | {
      kind: 'epoch';
      runId: string;
      epoch: number;
      trainLoss: number;
      validationLoss: number | null;
      trainMetric: number;
      validationMetric: number | null;
      elapsedMs: number;
    }
  | {
      kind: 'done';
      runId: string;
      /** 'interrupted' after a stop request, 'diverged' when the loss stopped being finite. */
      stopReason: 'completed' | 'interrupted' | 'diverged';
      /** 1-based epoch whose weights the exported model holds. */
      bestEpoch: number;
      evaluation: Evaluation;
    }
  | { kind: 'error'; runId: string; message: string }
  /** Problems found by the setup check ('setup', before training) or in the finished run ('run'). */
  | { kind: 'diagnoses'; runId: string; stage: 'setup' | 'run'; diagnoses: Diagnosis[] }
  /** Weight and gradient statistics per Linear layer, at most once per epoch. */
  | { kind: 'layer-stats'; runId: string; epoch: number; backend: 'cpu' | 'gpu'; layers: LayerStats[] }
  /** The decision boundary of a two-feature classifier; `points` comes with the first one. */
  | { kind: 'boundary'; runId: string; epoch: number; boundary: DecisionBoundary; points?: BoundaryPoints };

/** Contents of an imported model file, for the model panel. */
export interface ModelSummary {
  modelId: string;
  fileName: string;
  name: string;
  task: Task;
  features: string[];
  target: string;
  classes: string[] | null;
  parameterCount: number;
  /** One line per layer, as PyTorch prints it: `Linear(4 → 16)`. */
  layers: string[];
  metrics: ModelMetrics;
}

/** Predictions of an imported model on an uploaded CSV. */
export interface PredictionResult {
  rowCount: number;
  /** Prediction per row, as display text (class label or number). */
  predictions: string[];
  /** Probability the model gives each row's predicted class, in [0, 1]; null for regression. */
  probabilities: number[] | null;
  /** Target values of the CSV when it has the model's target column, else null. */
  actual: string[] | null;
  /** Accuracy (classification) or MSE (regression) when `actual` is present. */
  score: { name: 'accuracy' | 'mse'; value: number } | null;
}

/** Request and response types of every invoke channel. */
export interface BackendChannels {
  'list-datasets': { request: Record<string, never>; response: DatasetInfo[] };
  'preview-dataset': { request: { name: string }; response: TablePreview };
  'parse-csv': { request: { fileName: string; text: string }; response: TablePreview };
  'start-training': {
    request: { project: Project; csvText?: string };
    response: { runId: string };
  };
  'stop-training': { request: { runId: string }; response: { stopping: boolean } };
  'export-model': { request: { runId: string }; response: { fileName: string; text: string } };
  'import-model': { request: { fileName: string; text: string }; response: ModelSummary };
  'predict-csv': {
    request: { modelId: string; fileName: string; text: string };
    response: PredictionResult;
  };
  'start-search': {
    request: { project: Project; csvText?: string; options: SearchOptions };
    response: { searchId: string };
  };
  'stop-search': { request: { searchId: string }; response: { stopping: boolean } };
  'search-status': { request: { searchId: string }; response: SearchSnapshot };
  'predict-sample': { request: { source: ModelSource; values: number[] }; response: SamplePrediction };
  'export-pytorch': {
    request: { runId: string };
    response: { fileName: string; text: string; modelFileName: string; modelText: string };
  };
}

export type BackendChannel = keyof BackendChannels;

export const BACKEND_CHANNELS: readonly BackendChannel[] = [
  'list-datasets',
  'preview-dataset',
  'parse-csv',
  'start-training',
  'stop-training',
  'export-model',
  'import-model',
  'predict-csv',
  'start-search',
  'stop-search',
  'search-status',
  'predict-sample',
  'export-pytorch',
];

/** The reply to every invoke: the value, or an error message written for the user. */
export type InvokeResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Returns true for a `start-training` response, the only one that carries a run id. */
export function hasRunId(value: unknown): value is { runId: string } {
  return typeof value === 'object' && value !== null && 'runId' in value && typeof value.runId === 'string';
}

/** Turns a project name into a file name stem: 'Iris MLP' becomes 'iris-mlp'. */
export function fileStem(name: string, fallback: string): string {
  const cleaned = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return cleaned === '' ? fallback : cleaned.slice(0, 60);
}
