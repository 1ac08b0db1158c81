/** Loss functions as fused operations: each computes per-element losses and their gradient. */
import { Tensor, makeResult } from '../../tensor/tensor';
import { formatShape, sameShape } from '../../tensor/shape';
import { softmaxKernel } from '../../tensor/ops/softmax';

export type Reduction = 'mean' | 'sum' | 'none';

export interface LossOptions {
  /** 'mean' (default) averages the per-element losses, 'sum' adds them, 'none' returns them. */
  reduction?: Reduction;
}

/** Checks `reduction` and applies it to a tensor of per-element losses. */
export function reduce(losses: Tensor, reduction: Reduction | undefined, op: string): Tensor {
  const mode = reduction ?? 'mean';
  if (mode === 'none') return losses;
  if (mode === 'sum') return losses.sum();
  if (mode === 'mean') return losses.mean();
  throw new TypeError(`${op}: reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(reduction)}`);
}

function requireFloat(t: Tensor, op: string, role: string): Float32Array {
  if (!(t.data instanceof Float32Array)) {
    throw new TypeError(
      `${op}: ${role} must be float32, got ${t.dtype} of shape ${formatShape(t.shape)}; convert it with .float()`,
    );
  }
  return t.data;
}

function requireSameShape(input: Tensor, target: Tensor, op: string): void {
  if (!sameShape(input.shape, target.shape)) {
    throw new RangeError(
      `${op}: input shape ${formatShape(input.shape)} and target shape ${formatShape(target.shape)} differ; ` +
        `they must match element for element (for a model with one output, reshape the target ` +
        `to [N, 1] with target.reshape([-1, 1]))`,
    );
  }
}

/** Per-element squared error (input - target)². */
export function squaredError(input: Tensor, target: Tensor): Tensor {
  requireSameShape(input, target, 'MSELoss');
  const x = requireFloat(input, 'MSELoss', 'input');
  const y = requireFloat(target, 'MSELoss', 'target');
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i] - y[i]) ** 2;
  return makeResult(out, input.shape, [input, target], 'mseLoss', (g) => {
    const gx = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) gx[i] = 2 * (x[i] - y[i]) * g[i];
    return [gx, gx.map((v) => -v)];
  });
}

/** Mean squared error between `input` and `target` of the same shape. */
export function mseLoss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  return reduce(squaredError(input, target), options.reduction, 'MSELoss');
}

/**
 * Cross-entropy of logits `input` [N, C] (or [C]) against class indices `target` [N] (int32)
 * or class probabilities `target` [N, C] (float32). log-softmax is applied inside.
 */
export function crossEntropy(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  const op = 'CrossEntropyLoss';
  if (input.ndim !== 1 && input.ndim !== 2) {
    throw new RangeError(
      `${op}: input must be logits of shape [N, C] or [C], got ${formatShape(input.shape)}; ` +
        'more dimensions are not supported yet',
    );
  }
  const logits = requireFloat(input, op, 'input (logits)');
  const batch = input.ndim === 2 ? input.shape[0] : 1;
  const classes = input.shape[input.ndim - 1];
  const logProbs = new Float32Array(logits.length);
  softmaxKernel(logits, logProbs, batch, classes, 1, true);
  const outShape = input.ndim === 2 ? [batch] : [];

  if (target.dtype === 'int32') {
    const expected = input.ndim === 2 ? [batch] : [];
    if (!sameShape(target.shape, expected)) {
      throw new RangeError(
        `${op}: class-index target must have shape ${formatShape(expected)} for input of shape ` +
          `${formatShape(input.shape)}, got ${formatShape(target.shape)}`,
      );
    }
    const labels = target.data;
    for (let i = 0; i < batch; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new RangeError(
          `${op}: target ${labels[i]} at position ${i} is out of bounds: the model has ${classes} ` +
            `outputs, so class indices must be in [0, ${classes - 1}]`,
        );
      }
    }
    const losses = new Float32Array(batch);
    for (let i = 0; i < batch; i++) losses[i] = -logProbs[i * classes + labels[i]];
    const result = makeResult(losses, outShape, [input], 'crossEntropy', (g) => {
      const gx = new Float32Array(logits.length);
      for (let i = 0; i < batch; i++) {
        for (let c = 0; c < classes; c++) gx[i * classes + c] = Math.exp(logProbs[i * classes + c]) * g[i];
        gx[i * classes + labels[i]] -= g[i];
      }
      return [gx];
    });
    return reduce(result, options.reduction, op);
  }

  if (!sameShape(target.shape, input.shape)) {
    throw new RangeError(
      `${op}: got a float32 target of shape ${formatShape(target.shape)} for input of shape ` +
        `${formatShape(input.shape)}. Class indices must be an int32 tensor of shape ` +
        `${formatShape(input.ndim === 2 ? [batch] : [])}; class probabilities must have the input's shape`,
    );
  }
  const probs = target.data;
  const losses = new Float32Array(batch);
  for (let i = 0; i < batch; i++) {
    let total = 0;
    for (let c = 0; c < classes; c++) total -= probs[i * classes + c] * logProbs[i * classes + c];
    losses[i] = total;
  }
  const result = makeResult(losses, outShape, [input, target], 'crossEntropy', (g) => {
    const gx = new Float32Array(logits.length);
    const gy = new Float32Array(logits.length);
    for (let i = 0; i < batch; i++) {
      let mass = 0;
      for (let c = 0; c < classes; c++) mass += probs[i * classes + c];
      for (let c = 0; c < classes; c++) {
        const index = i * classes + c;
        gx[index] = (Math.exp(logProbs[index]) * mass - probs[index]) * g[i];
        gy[index] = -logProbs[index] * g[i];
      }
    }
    return [gx, gy];
  });
  return reduce(result, options.reduction, op);
}

/**
 * Binary cross-entropy of probabilities `input` in [0, 1] against `target` of the same shape.
 * Like PyTorch, each log is clamped at -100 so a probability of exactly 0 or 1 stays finite.
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  const op = 'BCELoss';
  requireSameShape(input, target, op);
  const p = requireFloat(input, op, 'input (probabilities)');
  const y = requireFloat(target, op, 'target');
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) {
      throw new RangeError(
        `${op}: every input must be a probability in [0, 1], but element ${i} is ${p[i]}; ` +
          'end the model with Sigmoid, or use BCEWithLogitsLoss on raw outputs',
      );
    }
  }
  const out = new Float32Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const logP = Math.max(Math.log(p[i]), -100);
    const log1mP = Math.max(Math.log(1 - p[i]), -100);
    out[i] = -(y[i] * logP + (1 - y[i]) * log1mP);
  }
  const result = makeResult(out, input.shape, [input, target], 'binaryCrossEntropy', (g) => {
    const gx = new Float32Array(g.length);
    const gy = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) {
      gx[i] = (g[i] * (p[i] - y[i])) / Math.max((1 - p[i]) * p[i], 1e-12);
      gy[i] = g[i] * (Math.max(Math.log(1 - p[i]), -100) - Math.max(Math.log(p[i]), -100));
    }
    return [gx, gy];
  });
  return reduce(result, options.reduction, op);
}

/** Binary cross-entropy on logits: sigmoid and BCE in one numerically stable step. */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  const op = 'BCEWithLogitsLoss';
  requireSameShape(input, target, op);
  const x = requireFloat(input, op, 'input (logits)');
  const y = requireFloat(target, op, 'target');
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    out[i] = Math.max(x[i], 0) - x[i] * y[i] + Math.log1p(Math.exp(-Math.abs(x[i])));
  }
  const result = makeResult(out, input.shape, [input, target], 'binaryCrossEntropyWithLogits', (g) => {
    const gx = new Float32Array(g.length);
    const gy = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) {
      gx[i] = g[i] * (1 / (1 + Math.exp(-x[i])) - y[i]);
      gy[i] = -g[i] * x[i];
    }
    return [gx, gy];
  });
  return reduce(result, options.reduction, op);
}
