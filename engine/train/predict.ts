/**
 * Predictions of a trained model: raw outputs in evaluation mode, and their reading
 * as class labels with probabilities or as values.
 */

import type { LayerSpec } from '../graph/layer-spec';
import type { Module } from '../nn';
import type { Task } from '../project/types';
import { noGrad } from '../tensor/grad-mode';
import type { Tensor } from '../tensor/tensor';

/**
 * Runs `model` on `x` in evaluation mode (Dropout off) without recording gradients,
 * then restores the model's previous mode.
 *
 * @param x inputs of shape [N, features], standardised like the training data.
 * @returns the raw outputs: [N, classes] logits, or [N, 1].
 */
export function predict(model: Module, x: Tensor): Tensor {
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => model.forward(x));
  } finally {
    model.train(wasTraining);
  }
}

/**
 * Returns the first row of `output` ([N, width], as `predict` returns it) that contains NaN
 * or an infinity, or -1 when every value is finite. Such a row has no prediction: its
 * inputs or the weights went beyond the range of float32.
 */
export function firstNonFiniteRow(output: Tensor): number {
  const width = output.shape[1] ?? 1;
  const values = output.data;
  for (let i = 0; i < values.length; i += 1) {
    if (!Number.isFinite(values[i])) return Math.floor(i / width);
  }
  return -1;
}

/** One row's prediction: a class with its probability, or a value for regression. */
export type Prediction =
  | { kind: 'class'; classIndex: number; label: string; probability: number }
  | { kind: 'value'; value: number };

export interface OutputReading {
  task: Task;
  /** Class labels by index for classification, else null. */
  classes: string[] | null;
  /** The model's layers: a final Sigmoid or Softmax means the outputs are already probabilities. */
  layers: readonly LayerSpec[];
}

/**
 * Reads raw outputs as predictions. Multiclass takes the softmax of the logits (unless
 * the model ends in Softmax) and picks the most probable class. Binary takes the
 * sigmoid of the logit (unless the model ends in Sigmoid) as the probability of
 * class 1, and reports the more probable class with its probability.
 *
 * @param output [N, classes] or [N, 1], as `predict` returns it.
 */
export function readPredictions(output: Tensor, reading: OutputReading): Prediction[] {
  const rows = output.shape[0];
  const width = output.shape[1] ?? 1;
  const values = output.data;
  const lastType = reading.layers[reading.layers.length - 1]?.type;
  const predictions: Prediction[] = [];

  for (let i = 0; i < rows; i += 1) {
    if (reading.task === 'regression') {
      predictions.push({ kind: 'value', value: values[i * width] });
      continue;
    }

    const classes = reading.classes ?? [];
    if (reading.task === 'binary') {
      const raw = values[i];
      const positive = lastType === 'Sigmoid' ? raw : 1 / (1 + Math.exp(-raw));
      const classIndex = positive > 0.5 ? 1 : 0;
      const probability = classIndex === 1 ? positive : 1 - positive;
      const label = classes[classIndex] ?? String(classIndex);
      predictions.push({ kind: 'class', classIndex, label, probability });
      continue;
    }

    const row = Array.from(values.subarray(i * width, (i + 1) * width));
    const probabilities = lastType === 'Softmax' ? row : softmax(row);
    let classIndex = 0;
    for (let c = 1; c < width; c += 1) if (probabilities[c] > probabilities[classIndex]) classIndex = c;
    predictions.push({
      kind: 'class',
      classIndex,
      label: classes[classIndex] ?? String(classIndex),
      probability: probabilities[classIndex],
    });
  }
  return predictions;
}

function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - max));
  const sum = exps.reduce((total, value) => total + value, 0);
  return exps.map((value) => value / sum);
}
