/**
 * A training step for Sequential models that runs forward, loss and backward on
 * preallocated buffers instead of the autograd graph, then calls the model's own optimizer.
 * It computes the same values as `zeroGrad(); loss.forward(model.forward(x), y).backward();
 * optimizer.step()`, with less overhead per operation.
 */
import { Tensor } from '../tensor/tensor';
import { defaultGenerator } from '../tensor/random';
import { Module } from '../nn/module';
import type { Optimizer } from '../optim/optimizer';
import { kernels } from '../tensor/kernels/registry';
import { planFusedStep, type FusedPlan, type LayerStep } from './plan';
import { lossForwardBackward, type LossTarget } from './fused-loss';

export class FusedTrainingStep {
  readonly plan: FusedPlan;
  private readonly model: Module;
  private readonly optimizer: Optimizer;
  private capacity = 0;
  /** Output of each layer; activations[0] is the input batch. */
  private activations: Float32Array[] = [];
  private gradIn: Float32Array = new Float32Array(0);
  private gradOut: Float32Array = new Float32Array(0);
  private masks: Float32Array[] = [];

  private constructor(model: Module, plan: FusedPlan, optimizer: Optimizer) {
    this.model = model;
    this.plan = plan;
    this.optimizer = optimizer;
  }

  /** Returns a fused step for this model, loss and optimizer, or null when they are not supported. */
  static create(model: Module, loss: Module, optimizer: Optimizer): FusedTrainingStep | null {
    const plan = planFusedStep(model, loss);
    return plan === null ? null : new FusedTrainingStep(model, plan, optimizer);
  }

  /** Allocates the buffers for batches of up to `batchSize` rows, where the kernels use them in place. */
  private ensureCapacity(batchSize: number): void {
    if (batchSize <= this.capacity) return;
    const { widths } = this.plan;
    this.activations = widths.map((width) => kernels.allocate(batchSize * width));
    this.masks = widths.map((width) => kernels.allocate(batchSize * width));
    const widest = Math.max(...widths);
    this.gradIn = kernels.allocate(batchSize * widest);
    this.gradOut = kernels.allocate(batchSize * widest);
    this.capacity = batchSize;
  }

  /** Runs the layers on `input` ([batchSize, inFeatures], row-major) and returns the output buffer. */
  forward(input: Float32Array, batchSize: number): Float32Array {
    this.ensureCapacity(batchSize);
    const { layers, widths } = this.plan;
    // One copy into the first buffer, which the forward and the weight-gradient products read in place.
    this.activations[0].set(input.subarray(0, batchSize * widths[0]));
    for (let l = 0; l < layers.length; l++) {
      runLayerForward(layers[l], this.activations[l], this.activations[l + 1], batchSize, widths[l], this.masks[l], this.model.training);
    }
    return this.activations[layers.length];
  }

  /**
   * Computes the loss of one batch and writes the gradient of every trainable parameter into
   * its `grad`, replacing what was there: `input` is [batchSize, inFeatures]; `target`
   * contains class indices (CrossEntropyLoss) or values shaped like the output.
   * Returns the loss; the optimizer is not stepped.
   */
  computeGradients(input: Float32Array, target: LossTarget, batchSize: number): number {
    const { layers, widths } = this.plan;
    const output = this.forward(input, batchSize);
    const outWidth = widths[widths.length - 1];
    let grad = this.gradOut;
    const loss = lossForwardBackward(this.plan.loss, this.plan.reduction, output, target, grad, batchSize, outWidth);

    for (let l = layers.length - 1; l >= 0; l--) {
      const needInputGrad = l > 0;
      const gradPrev = grad === this.gradOut ? this.gradIn : this.gradOut;
      runLayerBackward(layers[l], this.activations[l], this.activations[l + 1], grad, gradPrev, batchSize, widths[l], this.masks[l], needInputGrad);
      grad = gradPrev;
    }
    return loss;
  }

  /** Trains on one batch: computeGradients, then the optimizer's step. Returns the loss. */
  step(input: Float32Array, target: LossTarget, batchSize: number): number {
    const loss = this.computeGradients(input, target, batchSize);
    this.optimizer.step();
    return loss;
  }

  /** Copies the model's output for the last batch, [batchSize, outFeatures], into a tensor. */
  lastOutput(batchSize: number): Tensor {
    const width = this.plan.widths[this.plan.widths.length - 1];
    const output = this.activations[this.plan.layers.length];
    return new Tensor(output.slice(0, batchSize * width), [batchSize, width]);
  }
}

function runLayerForward(
  layer: LayerStep,
  input: Float32Array,
  output: Float32Array,
  batchSize: number,
  width: number,
  mask: Float32Array,
  training: boolean,
): void {
  const size = batchSize * width;
  switch (layer.kind) {
    case 'linear': {
      const { inFeatures, outFeatures, weight, bias } = layer;
      kernels.matmulNT(input, weight.data as Float32Array, output, batchSize, inFeatures, outFeatures);
      if (bias !== null) kernels.addRowVector(output, bias.data as Float32Array, batchSize, outFeatures);
      return;
    }
    case 'relu':
      kernels.relu(input, output, size);
      return;
    case 'leakyRelu': {
      const slope = layer.negativeSlope;
      for (let i = 0; i < size; i++) output[i] = input[i] > 0 ? input[i] : input[i] * slope;
      return;
    }
    case 'sigmoid':
      for (let i = 0; i < size; i++) output[i] = 1 / (1 + Math.exp(-input[i]));
      return;
    case 'tanh':
      for (let i = 0; i < size; i++) output[i] = Math.tanh(input[i]);
      return;
    case 'softmax':
      softmaxRows(input, output, batchSize, width);
      return;
    case 'dropout': {
      const p = layer.module.p;
      if (!training || p === 0) {
        output.set(input.subarray(0, size));
        mask.fill(1, 0, size);
        return;
      }
      // Draws in the same order as the autograd path, so one seed gives one run on both.
      const scale = p === 1 ? 0 : 1 / (1 - p);
      for (let i = 0; i < size; i++) {
        mask[i] = defaultGenerator.random() < p ? 0 : scale;
        output[i] = input[i] * mask[i];
      }
      return;
    }
  }
}

function runLayerBackward(
  layer: LayerStep,
  input: Float32Array,
  output: Float32Array,
  grad: Float32Array,
  gradInput: Float32Array,
  batchSize: number,
  width: number,
  mask: Float32Array,
  needInputGrad: boolean,
): void {
  const size = batchSize * width;
  switch (layer.kind) {
    case 'linear': {
      const { inFeatures, outFeatures, weight, bias } = layer;
      if (weight.requiresGrad) {
        kernels.matmulTN(grad, input, gradBuffer(weight), batchSize, outFeatures, inFeatures);
      }
      if (bias !== null && bias.requiresGrad) kernels.columnSums(grad, gradBuffer(bias), batchSize, outFeatures);
      if (needInputGrad) kernels.matmulNN(grad, weight.data as Float32Array, gradInput, batchSize, outFeatures, inFeatures);
      return;
    }
    case 'relu':
      kernels.reluBackward(input, grad, gradInput, size);
      return;
    case 'leakyRelu': {
      const slope = layer.negativeSlope;
      for (let i = 0; i < size; i++) gradInput[i] = input[i] > 0 ? grad[i] : grad[i] * slope;
      return;
    }
    case 'sigmoid':
      for (let i = 0; i < size; i++) gradInput[i] = grad[i] * output[i] * (1 - output[i]);
      return;
    case 'tanh':
      for (let i = 0; i < size; i++) gradInput[i] = grad[i] * (1 - output[i] * output[i]);
      return;
    case 'softmax':
      for (let row = 0; row < batchSize; row++) {
        const base = row * width;
        let dot = 0;
        for (let j = 0; j < width; j++) dot += grad[base + j] * output[base + j];
        for (let j = 0; j < width; j++) gradInput[base + j] = output[base + j] * (grad[base + j] - dot);
      }
      return;
    case 'dropout':
      for (let i = 0; i < size; i++) gradInput[i] = grad[i] * mask[i];
      return;
  }
}

/** Returns the parameter's gradient buffer, creating it on first use; the fused step overwrites it. */
function gradBuffer(parameter: Tensor): Float32Array {
  if (parameter.grad === null) parameter.grad = new Tensor(kernels.allocate(parameter.numel()), parameter.shape);
  return parameter.grad.data as Float32Array;
}

function softmaxRows(input: Float32Array, output: Float32Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    let maxValue = -Infinity;
    for (let j = 0; j < cols; j++) maxValue = Math.max(maxValue, input[base + j]);
    let total = 0;
    for (let j = 0; j < cols; j++) total += Math.exp(input[base + j] - maxValue);
    for (let j = 0; j < cols; j++) output[base + j] = Math.exp(input[base + j] - maxValue) / total;
  }
}
