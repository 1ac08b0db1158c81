import { Tensor } from '../tensor/tensor';
import { formatShape } from '../tensor/shape';

export interface AccuracyOptions {
  task: 'binary' | 'multiclass';
  /** Number of classes; required for 'multiclass'. */
  numClasses?: number;
  /** Binary task: a probability above this counts as class 1 (default 0.5). */
  threshold?: number;
  /** Multiclass: 'micro' counts all samples together (default), 'macro' averages per-class recall. */
  average?: 'micro' | 'macro';
}

/**
 * Classification accuracy that accumulates over batches, like torchmetrics' `Accuracy`.
 * Predictions may be probabilities, logits (binary: values outside [0, 1] go through a sigmoid;
 * multiclass: [N, C] scores go through argmax) or int32 class indices.
 */
export class Accuracy {
  readonly task: 'binary' | 'multiclass';
  readonly numClasses: number;
  readonly threshold: number;
  readonly average: 'micro' | 'macro';
  private correct: Float64Array;
  private total: Float64Array;

  constructor(options: AccuracyOptions) {
    const { task, numClasses, threshold = 0.5, average = 'micro' } = options;
    if (task !== 'binary' && task !== 'multiclass') {
      throw new RangeError(`Accuracy: task must be 'binary' or 'multiclass', got ${JSON.stringify(task)}`);
    }
    if (task === 'multiclass' && (!Number.isInteger(numClasses) || (numClasses ?? 0) < 2)) {
      throw new RangeError(`Accuracy: a multiclass task needs numClasses as an integer of at least 2, got ${numClasses}`);
    }
    if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`Accuracy: threshold must be in [0, 1], got ${threshold}`);
    this.task = task;
    this.numClasses = task === 'binary' ? 2 : (numClasses as number);
    this.threshold = threshold;
    this.average = average;
    this.correct = new Float64Array(this.numClasses);
    this.total = new Float64Array(this.numClasses);
  }

  /** Adds a batch to the running counts. */
  update(preds: Tensor, target: Tensor): void {
    const [predicted, labels] = this.classify(preds, target);
    this.accumulate(predicted, labels, this.correct, this.total);
  }

  /** Accuracy over everything seen since the last reset, as a scalar tensor. */
  compute(): Tensor {
    return new Tensor(Float32Array.of(this.score(this.correct, this.total)), []);
  }

  /** Accuracy of this batch alone; the batch is also added to the running counts. */
  forward(preds: Tensor, target: Tensor): Tensor {
    const [predicted, labels] = this.classify(preds, target);
    const correct = new Float64Array(this.numClasses);
    const total = new Float64Array(this.numClasses);
    this.accumulate(predicted, labels, correct, total);
    this.accumulate(predicted, labels, this.correct, this.total);
    return new Tensor(Float32Array.of(this.score(correct, total)), []);
  }

  reset(): void {
    this.correct.fill(0);
    this.total.fill(0);
  }

  private score(correct: Float64Array, total: Float64Array): number {
    if (this.average === 'macro') {
      let sum = 0;
      let classes = 0;
      for (let c = 0; c < this.numClasses; c++) {
        if (total[c] === 0) continue;
        sum += correct[c] / total[c];
        classes++;
      }
      return classes === 0 ? 0 : sum / classes;
    }
    const hits = correct.reduce((a, b) => a + b, 0);
    const count = total.reduce((a, b) => a + b, 0);
    return count === 0 ? 0 : hits / count;
  }

  private accumulate(predicted: Int32Array, labels: Int32Array, correct: Float64Array, total: Float64Array): void {
    for (let i = 0; i < labels.length; i++) {
      total[labels[i]] += 1;
      if (predicted[i] === labels[i]) correct[labels[i]] += 1;
    }
  }

  /** Turns predictions and targets into class indices of equal length. */
  private classify(preds: Tensor, target: Tensor): [Int32Array, Int32Array] {
    const labels = Int32Array.from(target.data);
    for (const label of labels) {
      if (label < 0 || label >= this.numClasses || !Number.isInteger(label)) {
        throw new RangeError(`Accuracy: target value ${label} is not a class index in [0, ${this.numClasses - 1}]`);
      }
    }
    if (this.task === 'binary') {
      if (preds.numel() !== target.numel()) {
        throw new RangeError(
          `Accuracy: binary predictions of shape ${formatShape(preds.shape)} do not match target of shape ${formatShape(target.shape)}`,
        );
      }
      if (preds.dtype === 'int32') return [Int32Array.from(preds.data), labels];
      const values = Array.from(preds.data);
      const logits = values.some((v) => v < 0 || v > 1);
      const predicted = Int32Array.from(values, (v) => ((logits ? 1 / (1 + Math.exp(-v)) : v) > this.threshold ? 1 : 0));
      return [predicted, labels];
    }

    if (preds.ndim === target.ndim + 1 && preds.shape[preds.ndim - 1] === this.numClasses && preds.ndim === 2) {
      if (preds.shape[0] !== target.numel()) {
        throw new RangeError(
          `Accuracy: predictions of shape ${formatShape(preds.shape)} do not match target of shape ${formatShape(target.shape)}`,
        );
      }
      return [Int32Array.from(preds.argmax(1).data), labels];
    }
    if (preds.numel() === target.numel()) return [Int32Array.from(preds.data), labels];
    throw new RangeError(
      `Accuracy: multiclass predictions must be scores of shape [N, ${this.numClasses}] or class indices ` +
        `of shape [N]; got ${formatShape(preds.shape)} for target of shape ${formatShape(target.shape)}`,
    );
  }
}
