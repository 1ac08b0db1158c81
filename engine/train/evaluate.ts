/**
 * Loss modules, target tensors and evaluation for the three tasks: class indices with
 * CrossEntropyLoss, 0/1 targets of shape [N, 1] with BCEWithLogitsLoss or BCELoss,
 * and values of shape [N, 1] with MSELoss.
 */

import type { LossName } from '../graph/types';
import * as nn from '../nn';
import type { Task } from '../project/types';
import { noGrad } from '../tensor/grad-mode';
import { Tensor } from '../tensor/tensor';

/** Rows per forward pass when evaluating, which bounds the memory of a large split. */
const EVAL_CHUNK_ROWS = 1024;

export interface LossModule {
  forward(input: Tensor, target: Tensor): Tensor;
}

/** Creates the loss module for `name`, with mean reduction as in PyTorch. */
export function createLoss(name: LossName): nn.Module & LossModule {
  switch (name) {
    case 'CrossEntropyLoss':
      return new nn.CrossEntropyLoss();
    case 'BCEWithLogitsLoss':
      return new nn.BCEWithLogitsLoss();
    case 'BCELoss':
      return new nn.BCELoss();
    case 'MSELoss':
      return new nn.MSELoss();
  }
}

/**
 * Wraps prepared targets as the tensor the loss expects: int32 [N] class indices for
 * multiclass, float32 [N, 1] for binary and regression.
 */
export function targetTensor(y: Float32Array | Int32Array, task: Task): Tensor {
  if (task === 'multiclass') {
    const labels = y instanceof Int32Array ? y : Int32Array.from(y);
    return new Tensor(labels, [labels.length]);
  }
  const values = y instanceof Float32Array ? y : Float32Array.from(y);
  return new Tensor(values, [values.length, 1]);
}

/**
 * Counts correct predictions in a batch of outputs. Multiclass takes the argmax. Binary
 * predicts class 1 for a logit above 0, or for a probability above 0.5 with BCELoss,
 * because then the model ends in Sigmoid.
 */
export function countCorrect(output: Tensor, target: Tensor, task: Task, loss: LossName): number {
  if (task === 'regression') return 0;
  const out = output.data;
  const labels = target.data;
  let correct = 0;

  if (task === 'multiclass') {
    const classes = output.shape[1];
    for (let i = 0; i < labels.length; i += 1) {
      let best = 0;
      for (let c = 1; c < classes; c += 1) if (out[i * classes + c] > out[i * classes + best]) best = c;
      if (best === labels[i]) correct += 1;
    }
    return correct;
  }

  const threshold = loss === 'BCELoss' ? 0.5 : 0;
  for (let i = 0; i < labels.length; i += 1) {
    const predicted = out[i] > threshold ? 1 : 0;
    if (predicted === labels[i]) correct += 1;
  }
  return correct;
}

export interface Evaluation {
  /** Mean loss over the rows. */
  loss: number;
  /** Share of correct predictions for classification, else null. */
  accuracy: number | null;
  /** Mean squared error for regression, else null. */
  mse: number | null;
}

/**
 * Evaluates `model` on row-major `x` [n, features] in evaluation mode without
 * recording gradients, then restores the model's previous mode.
 */
export function evaluate(
  model: nn.Module,
  x: Float32Array,
  y: Float32Array | Int32Array,
  n: number,
  options: { task: Task; loss: LossName },
): Evaluation {
  const features = n === 0 ? 0 : x.length / n;
  const lossModule = createLoss(options.loss);
  const wasTraining = model.training;
  model.eval();

  let lossSum = 0;
  let correct = 0;
  try {
    noGrad(() => {
      for (let start = 0; start < n; start += EVAL_CHUNK_ROWS) {
        const end = Math.min(n, start + EVAL_CHUNK_ROWS);
        const input = new Tensor(x.subarray(start * features, end * features), [end - start, features]);
        const target = targetTensor(y.subarray(start, end), options.task);
        const output = model.forward(input);
        lossSum += lossModule.forward(output, target).item() * (end - start);
        correct += countCorrect(output, target, options.task, options.loss);
      }
    });
  } finally {
    model.train(wasTraining);
  }

  const loss = n === 0 ? Number.NaN : lossSum / n;
  const classification = options.task !== 'regression';
  return {
    loss,
    accuracy: classification && n > 0 ? correct / n : null,
    mse: options.task === 'regression' && options.loss === 'MSELoss' ? loss : null,
  };
}
