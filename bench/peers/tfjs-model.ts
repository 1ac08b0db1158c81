/**
 * Builds a training workload from tfjs-core ops: variables for the weights, a hand-written
 * forward pass, and tf.train optimizers, which take gradients with tf.variableGrads.
 */
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import type { TrainSpec } from '../spec';
import { seededUniform, shuffleInPlace } from './timing';

// tfjs-core's Node bundle registers no gradients; the @tensorflow/tfjs package imports
// this module for them. Its ESM build uses extensionless relative imports, which Node's ESM
// loader rejects, so it is loaded through require, which tsx transforms.
createRequire(import.meta.url)('@tensorflow/tfjs-core/dist/register_all_gradients.js');

interface LinearWeights {
  /** [inFeatures, outFeatures], the transpose of torch's layout, as tf.layers stores it. */
  weight: tf.Variable;
  bias: tf.Variable;
}

/** A workload ready to train, with its data and a seeded shuffling order. */
export interface TfjsSetup {
  spec: TrainSpec;
  x: tf.Tensor;
  y: tf.Tensor;
  linears: LinearWeights[];
  optimizer: tf.Optimizer;
  order: Int32Array;
  uniform: () => number;
}

function buildOptimizer(spec: TrainSpec): tf.Optimizer {
  const settings = spec.optimizer;
  if (settings.name === 'adam') return tf.train.adam(settings.lr, 0.9, 0.999, 1e-8);
  if (settings.momentum === 0) return tf.train.sgd(settings.lr);
  return tf.train.momentum(settings.lr, settings.momentum);
}

/** Builds data, weights and optimizer. Weights start uniform in ±1/√fanIn, as in torch. */
export function setUpTfjs(spec: TrainSpec): TfjsSetup {
  const linears: LinearWeights[] = [];
  let classes = 1;
  for (const [i, layer] of spec.layers.entries()) {
    if (layer.type !== 'linear') continue;
    const bound = 1 / Math.sqrt(layer.inFeatures);
    const shape: [number, number] = [layer.inFeatures, layer.outFeatures];
    const seed = spec.seed + i;
    const weight = tf.randomUniform(shape, -bound, bound, 'float32', seed);
    const bias = tf.randomUniform([layer.outFeatures], -bound, bound, 'float32', seed + 100);
    linears.push({ weight: tf.variable(weight), bias: tf.variable(bias) });
    classes = layer.outFeatures;
  }

  const first = spec.layers[0];
  if (first.type !== 'linear') {
    throw new Error(`${spec.id}: the network must start with a linear layer`);
  }
  const x = tf.randomNormal([spec.samples, first.inFeatures], 0, 1, 'float32', spec.seed);

  const uniform = seededUniform(spec.seed + 1);
  const labelCount = spec.loss === 'bce' ? 2 : classes;
  const drawLabel = (): number => Math.floor(uniform() * labelCount);
  const labels = Int32Array.from({ length: spec.samples }, drawLabel);
  const y =
    spec.loss === 'bce'
      ? tf.tensor2d(Float32Array.from(labels), [spec.samples, 1])
      : tf.tensor1d(labels, 'int32');

  const order = Int32Array.from({ length: spec.samples }, (_, i) => i);
  return { spec, x, y, linears, optimizer: buildOptimizer(spec), order, uniform };
}

function forward(setup: TfjsSetup, input: tf.Tensor): tf.Tensor {
  let h = input;
  let linearIndex = 0;
  for (const layer of setup.spec.layers) {
    if (layer.type === 'linear') {
      const { weight, bias } = setup.linears[linearIndex++];
      h = tf.fused.matMul({ a: h, b: weight, bias });
    } else if (layer.type === 'relu') {
      h = tf.relu(h);
    } else if (layer.type === 'sigmoid') {
      h = tf.sigmoid(h);
    } else {
      h = tf.dropout(h, layer.p);
    }
  }
  return h;
}

/** Binary cross-entropy on probabilities, with torch's clamp of each log term at -100. */
function binaryCrossEntropy(probabilities: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  const logP = tf.maximum(tf.log(probabilities), -100);
  const logOneMinusP = tf.maximum(tf.log(tf.sub(1, probabilities)), -100);
  const perSample = tf.add(tf.mul(targets, logP), tf.mul(tf.sub(1, targets), logOneMinusP));
  return tf.neg(tf.mean<tf.Scalar>(perSample));
}

function lossOf(setup: TfjsSetup, output: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  if (setup.spec.loss === 'bce') return binaryCrossEntropy(output, targets);
  const classes = output.shape[1] ?? 1;
  return tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(tf.oneHot(targets, classes), output);
}

function trainStep(setup: TfjsSetup, indices: Int32Array): tf.Scalar {
  return tf.tidy(() => {
    const batchIndices = tf.tensor1d(indices, 'int32');
    const xb = tf.gather(setup.x, batchIndices);
    const yb = tf.gather(setup.y, batchIndices);
    const cost = setup.optimizer.minimize(() => lossOf(setup, forward(setup, xb), yb), true);
    if (cost === null) throw new Error(`${setup.spec.id}: the TF.js optimizer returned no loss`);
    return cost;
  });
}

/**
 * Trains `batches` batches, reshuffling at the start of every epoch like DataLoader(shuffle=True);
 * returns the last batch's loss.
 */
export function trainBatches(setup: TfjsSetup, batches: number): number {
  const { batchSize, samples } = setup.spec;
  let lastLoss: tf.Scalar | null = null;
  let done = 0;
  while (done < batches) {
    shuffleInPlace(setup.order, setup.uniform);
    for (let start = 0; start < samples && done < batches; start += batchSize) {
      lastLoss?.dispose();
      const indices = setup.order.subarray(start, Math.min(samples, start + batchSize));
      lastLoss = trainStep(setup, indices);
      done += 1;
    }
  }

  if (lastLoss === null) return Number.NaN;
  const value = lastLoss.dataSync()[0];
  lastLoss.dispose();
  return value;
}
