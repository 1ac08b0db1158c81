/**
 * Types of the events and requests that show the inside of a network: diagnoses of a run,
 * weight and gradient statistics per Linear layer, the decision boundary of a two-feature
 * classifier, and the prediction for one sample.
 */

/**
 * A diagnosis as `engine/train/diagnostics` returns it. The type is repeated here because
 * the renderer's type check must not pull in the trainer and its WebGPU code.
 */
export interface Diagnosis {
  code: string;
  severity: 'error' | 'warning';
  /** One line: what happened. */
  title: string;
  /** The cause, in plain words. */
  explanation: string;
  /** The change to make before training again. */
  fix: string;
  /** 1-based epoch where the run showed it, for diagnoses of a run. */
  epoch?: number;
}

/** Counts of values in `counts.length` equal-width bins from `min` to `max`. */
export interface Histogram {
  min: number;
  max: number;
  counts: number[];
}

/** Statistics of one Linear layer's weight at the end of an epoch. */
export interface LayerStats {
  /** The layer's name as the editor shows it, such as 'Linear 2'. */
  name: string;
  weights: Histogram;
  /** Weight gradients of the epoch's last batch, or null where the run cannot read them (GPU). */
  gradients: Histogram | null;
  /** L2 norm of the weight gradient of the epoch's last batch, or null like `gradients`. */
  gradientNorm: number | null;
}

/**
 * The model's class probabilities on a grid over two features, in the features' own units.
 * Cell (row, column) covers x from xMin + column·(xMax − xMin)/size and y from yMax down.
 */
export interface DecisionBoundary {
  size: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** Most probable class per cell, row-major from the top row (largest y). */
  classIndex: number[];
  /** Probability of that class per cell, in [0, 1]. */
  confidence: number[];
}

/** Up to `MAX_BOUNDARY_POINTS` training rows, drawn over a decision boundary. */
export interface BoundaryPoints {
  features: [string, string];
  classes: string[];
  /** x, y and class index of each point. */
  points: [number, number, number][];
}

export const MAX_BOUNDARY_POINTS = 600;

/** Largest magnitude of a feature value in a `predict-sample` request. */
export const MAX_SAMPLE_VALUE = 1e30;

/** A trained run's model or an imported one. */
export type ModelSource = { runId: string } | { modelId: string };

/** Prediction for one sample: the probability of every class, or the predicted value. */
export type SamplePrediction =
  | { task: 'binary' | 'multiclass'; classes: string[]; probabilities: number[] }
  | { task: 'regression'; target: string; value: number };
