/** Losses of the fused training step: each returns the loss and writes d(loss)/d(output). */
import { softmaxKernel } from '../tensor/ops/softmax';
import type { LossStep } from './plan';

/** Class indices (CrossEntropyLoss) or float targets shaped like the output. */
export type LossTarget = Int32Array | Float32Array;

/**
 * Computes the loss of `output` ([batchSize, width]) against `target` and writes its gradient
 * with respect to `output` into `grad`.
 */
export function lossForwardBackward(
  kind: LossStep,
  reduction: 'mean' | 'sum',
  output: Float32Array,
  target: LossTarget,
  grad: Float32Array,
  batchSize: number,
  width: number,
): number {
  const size = batchSize * width;
  if (kind === 'crossEntropy' && target instanceof Int32Array) {
    return crossEntropyIndices(output, target, grad, batchSize, width, reduction === 'mean' ? 1 / batchSize : 1);
  }
  if (target instanceof Int32Array) {
    throw new TypeError(`${kind} loss: target must be float32 values shaped like the output, got int32 class indices`);
  }
  if (target.length !== size) {
    throw new RangeError(
      `fused training step: target has ${target.length} values but the output has ${size} ` +
        `([${batchSize}, ${width}])`,
    );
  }
  const y = target;
  const scale = reduction === 'mean' ? 1 / (kind === 'crossEntropy' ? batchSize : size) : 1;
  let total = 0;
  switch (kind) {
    case 'crossEntropy':
      return crossEntropyProbabilities(output, y, grad, batchSize, width, scale);
    case 'mse':
      for (let i = 0; i < size; i++) {
        const diff = output[i] - y[i];
        total += Math.fround(diff * diff);
        grad[i] = 2 * diff * scale;
      }
      break;
    case 'bce':
      for (let i = 0; i < size; i++) {
        const p = output[i];
        if (!(p >= 0 && p <= 1)) {
          throw new RangeError(
            `BCELoss: every input must be a probability in [0, 1], but element ${i} is ${p}; ` +
              'end the model with Sigmoid, or use BCEWithLogitsLoss on raw outputs',
          );
        }
        total += Math.fround(-(y[i] * Math.max(Math.log(p), -100) + (1 - y[i]) * Math.max(Math.log(1 - p), -100)));
        grad[i] = (scale * (p - y[i])) / Math.max((1 - p) * p, 1e-12);
      }
      break;
    case 'bceWithLogits':
      for (let i = 0; i < size; i++) {
        const x = output[i];
        total += Math.fround(Math.max(x, 0) - x * y[i] + Math.log1p(Math.exp(-Math.abs(x))));
        grad[i] = scale * (1 / (1 + Math.exp(-x)) - y[i]);
      }
      break;
  }
  return Math.fround(total * scale);
}

function crossEntropyIndices(
  logits: Float32Array,
  labels: Int32Array,
  grad: Float32Array,
  batchSize: number,
  classes: number,
  scale: number,
): number {
  softmaxKernel(logits, grad, batchSize, classes, 1, true);
  let total = 0;
  for (let i = 0; i < batchSize; i++) {
    const label = labels[i];
    if (!(label >= 0 && label < classes)) {
      throw new RangeError(
        `CrossEntropyLoss: target ${label} at position ${i} is out of bounds: the model has ${classes} ` +
          `outputs, so class indices must be in [0, ${classes - 1}]`,
      );
    }
    const base = i * classes;
    total -= grad[base + label];
    for (let c = 0; c < classes; c++) grad[base + c] = Math.exp(grad[base + c]) * scale;
    grad[base + label] -= scale;
  }
  return Math.fround(total * scale);
}

function crossEntropyProbabilities(
  logits: Float32Array,
  probs: Float32Array,
  grad: Float32Array,
  batchSize: number,
  classes: number,
  scale: number,
): number {
  softmaxKernel(logits, grad, batchSize, classes, 1, true);
  let total = 0;
  for (let i = 0; i < batchSize; i++) {
    const base = i * classes;
    let mass = 0;
    let sampleLoss = 0;
    for (let c = 0; c < classes; c++) {
      mass += probs[base + c];
      sampleLoss -= probs[base + c] * grad[base + c];
    }
    total += Math.fround(sampleLoss);
    for (let c = 0; c < classes; c++) {
      grad[base + c] = (Math.exp(grad[base + c]) * mass - probs[base + c]) * scale;
    }
  }
  return Math.fround(total * scale);
}
