/**
 * Explanations of what went wrong in a training run, in a learner's words and with the fix to
 * try: a setup that cannot learn (every layer frozen, an activation a loss already applies,
 * unscaled features) and what a run shows (a loss that is not finite or not moving, dead ReLUs,
 * overfitting).
 */

import type { PreparedData } from '../data/prepare';
import type { LossName } from '../graph/types';
import * as nn from '../nn';
import type { TrainingSettings } from '../project/types';
import { noGrad } from '../tensor/grad-mode';
import { Tensor } from '../tensor/tensor';
import type { EpochProgress, StopReason } from './trainer';

export type DiagnosisCode =
  | 'all-frozen'
  | 'activation-before-loss'
  | 'regression-with-cross-entropy'
  | 'unscaled-features'
  | 'loss-diverged'
  | 'dead-relus'
  | 'loss-not-moving'
  | 'overfitting';

export interface Diagnosis {
  code: DiagnosisCode;
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

/** A training loss this many times the loss of guessing counts as diverged, even when finite. */
const EXPLODED_FACTOR = 1e4;
/** A feature whose mean or standard deviation exceeds this is far from the scale weights start at. */
const UNSCALED_FEATURE_LIMIT = 100;
/** Epochs over which a loss that changes by less than `STUCK_CHANGE` counts as not moving. */
const STUCK_EPOCHS = 5;
const STUCK_CHANGE = 1e-3;
/** Consecutive epochs of rising validation loss (with falling training loss) that mean overfitting. */
const OVERFIT_EPOCHS = 5;
/** Share of a layer's ReLU units that output zero for every sample, above which they count as dead. */
const DEAD_RELU_SHARE = 0.9;
/** Training rows the dead-ReLU check runs the model on. */
const DEAD_RELU_ROWS = 256;

/** Checks a model, its data and settings before training, for setups that cannot learn. */
export function diagnoseSetup(model: nn.Sequential, data: PreparedData, settings: TrainingSettings): Diagnosis[] {
  const found: Diagnosis[] = [];
  const parameters = model.parameters();
  if (parameters.length > 0 && parameters.every((parameter) => !parameter.requiresGrad)) {
    found.push({
      code: 'all-frozen',
      severity: 'error',
      title: 'Every layer is frozen, so training cannot change any weight.',
      explanation: 'A frozen layer keeps its weights fixed; with all of them frozen, the loss stays where it starts.',
      fix: 'Unfreeze at least one Linear layer (usually the last one) in the inspector.',
    });
  }

  const layers = model.layers();
  const last = layers[layers.length - 1];
  const activationFix = activationBeforeLoss(last, settings.loss);
  if (activationFix !== null) found.push(activationFix);

  if (settings.loss === 'CrossEntropyLoss' && data.task === 'regression') {
    found.push({
      code: 'regression-with-cross-entropy',
      severity: 'error',
      title: `The target '${data.target}' holds numbers to predict, but CrossEntropyLoss expects class labels.`,
      explanation: 'CrossEntropyLoss scores a choice among classes; a continuous value is not a class.',
      fix: 'Set the task to regression and the loss to MSELoss, with one output.',
    });
  }

  const unscaled = unscaledFeatures(data);
  if (unscaled.length > 0) {
    found.push({
      code: 'unscaled-features',
      severity: 'warning',
      title: `Features on large scales: ${unscaled.slice(0, 3).join(', ')}${unscaled.length > 3 ? ', …' : ''}.`,
      explanation:
        'Weights start small, so inputs in the hundreds or thousands give huge outputs and gradients, ' +
        'and the loss can jump to infinity or NaN.',
      fix: 'Turn on standardisation of the features in the Data settings.',
    });
  }
  return found;
}

function activationBeforeLoss(last: nn.Module | undefined, loss: LossName): Diagnosis | null {
  if (last instanceof nn.Softmax && loss === 'CrossEntropyLoss') {
    return {
      code: 'activation-before-loss',
      severity: 'warning',
      title: 'The network ends with Softmax, but CrossEntropyLoss applies softmax itself.',
      explanation: 'Softmax applied twice squeezes the outputs together, so gradients shrink and learning slows.',
      fix: 'Remove the final Softmax; CrossEntropyLoss takes raw scores (logits).',
    };
  }
  if (last instanceof nn.Sigmoid && loss === 'BCEWithLogitsLoss') {
    return {
      code: 'activation-before-loss',
      severity: 'warning',
      title: 'The network ends with Sigmoid, but BCEWithLogitsLoss applies the sigmoid itself.',
      explanation: 'Sigmoid applied twice keeps outputs between 0.5 and 0.73, so the model cannot become confident.',
      fix: 'Remove the final Sigmoid, or use BCELoss instead.',
    };
  }
  return null;
}

/** Names of features whose values, after any standardisation, are far from unit scale. */
function unscaledFeatures(data: PreparedData): string[] {
  const count = data.features.length;
  if (data.nTrain === 0 || count === 0) return [];
  const sums = new Float64Array(count);
  const squares = new Float64Array(count);
  for (let row = 0; row < data.nTrain; row++) {
    for (let j = 0; j < count; j++) {
      const value = data.trainX[row * count + j];
      sums[j] += value;
      squares[j] += value * value;
    }
  }
  return data.features.filter((_, j) => {
    const mean = sums[j] / data.nTrain;
    const std = Math.sqrt(Math.max(0, squares[j] / data.nTrain - mean * mean));
    return Math.abs(mean) > UNSCALED_FEATURE_LIMIT || std > UNSCALED_FEATURE_LIMIT;
  });
}

/**
 * Explains what went wrong in a finished run, from its epochs and its final model. It finds a
 * loss that diverged, a loss that does not move (blaming dead ReLUs, frozen layers or a
 * learning rate too small), and validation loss rising while training loss falls.
 */
export function diagnoseRun(
  result: { history: readonly EpochProgress[]; stopReason: StopReason },
  model: nn.Sequential,
  data: PreparedData,
  settings: TrainingSettings,
): Diagnosis[] {
  const { history } = result;
  const found: Diagnosis[] = [];
  const guess = guessLoss(data, settings.loss);
  const broken = history.find(
    (epoch) =>
      !Number.isFinite(epoch.trainLoss) ||
      (epoch.valLoss !== null && !Number.isFinite(epoch.valLoss)) ||
      epoch.trainLoss > EXPLODED_FACTOR * guess,
  );
  const brokenEpoch = broken?.epoch ?? (result.stopReason === 'diverged' ? (history.at(-1)?.epoch ?? 1) : null);
  if (brokenEpoch !== null) {
    const finite = broken !== undefined && Number.isFinite(broken.trainLoss);
    found.push({
      code: 'loss-diverged',
      severity: 'error',
      epoch: brokenEpoch,
      title: finite
        ? `The loss exploded to ${broken.trainLoss.toPrecision(2)} at epoch ${brokenEpoch}, far above what guessing gives.`
        : `The loss became NaN or infinite at epoch ${brokenEpoch}.`,
      explanation: [
        `With lr=${settings.lr}, each step overshoots so far that the weights grow without bound.`,
        scaleHint(data, settings.loss),
      ]
        .filter((part) => part !== '')
        .join(' '),
      fix: `Lower the learning rate (try lr=${formatRate(settings.lr / 10)})${unscaledFeatures(data).length > 0 ? ', and standardise the features' : ''}.`,
    });
    return found;
  }

  const stuck = stuckEpoch(history, data, settings.loss);
  if (stuck !== null) {
    const dead = deadReluLayers(model, data);
    if (dead.length > 0) {
      found.push({
        code: 'dead-relus',
        severity: 'error',
        epoch: stuck,
        title: `The loss stopped moving: most ReLU units are dead in ${dead.join(', ')}.`,
        explanation:
          'A ReLU whose input is negative for every sample outputs 0 and passes back a gradient of 0, ' +
          'so its weights never change again.',
        fix: 'Lower the learning rate, use LeakyReLU, or reinitialise the layers (train again with another seed).',
      });
    } else if (model.parameters().every((parameter) => !parameter.requiresGrad)) {
      found.push({
        code: 'all-frozen',
        severity: 'error',
        epoch: stuck,
        title: 'The loss is not moving because every layer is frozen.',
        explanation: 'A frozen layer keeps its weights fixed.',
        fix: 'Unfreeze at least one Linear layer in the inspector.',
      });
    } else {
      found.push({
        code: 'loss-not-moving',
        severity: 'warning',
        epoch: stuck,
        title: `The loss has barely moved for ${STUCK_EPOCHS} epochs and is no better than guessing.`,
        explanation: `With lr=${settings.lr}, each step changes the weights too little to make progress.`,
        fix: `Raise the learning rate (try lr=${formatRate(settings.lr * 10)}), or train for more epochs.`,
      });
    }
  }

  const overfit = overfittingEpoch(history);
  if (overfit !== null) {
    found.push({
      code: 'overfitting',
      severity: 'warning',
      epoch: overfit,
      title: `Validation loss has risen since epoch ${overfit} while training loss kept falling: the model is overfitting.`,
      explanation:
        'The network is memorising the training rows instead of learning what carries over to new data.',
      fix:
        'Add Dropout after a hidden layer, use fewer or smaller layers, or stop earlier ' +
        '(Wiregrad keeps the weights of the epoch with the lowest validation loss).',
    });
  }
  return found;
}

/** Names the large scale, if any, that makes the steps overshoot: the features' or, with MSELoss, the targets'. */
function scaleHint(data: PreparedData, loss: LossName): string {
  if (unscaledFeatures(data).length > 0) return 'Features on large scales make this worse.';
  const variance = loss === 'MSELoss' ? guessLoss(data, loss) : 0;
  if (variance > UNSCALED_FEATURE_LIMIT) {
    return (
      `The targets are on a large scale (variance ${variance.toPrecision(2)}), and MSELoss squares the ` +
      'errors in target units, so its gradients are large at the start.'
    );
  }
  return '';
}

function formatRate(lr: number): string {
  return Number(lr.toPrecision(2)).toString();
}

/**
 * Returns the first epoch at which the training loss has changed by less than 0.1% over the
 * last 5 epochs while still no better than a guess (the loss of predicting class frequencies
 * or the mean), or null when the run learned or is too short to tell.
 */
function stuckEpoch(history: readonly EpochProgress[], data: PreparedData, loss: LossName): number | null {
  const baseline = guessLoss(data, loss);
  for (let i = STUCK_EPOCHS; i < history.length; i++) {
    const now = history[i].trainLoss;
    const before = history[i - STUCK_EPOCHS].trainLoss;
    const change = Math.abs(now - before) / Math.max(Math.abs(before), 1e-8);
    if (change < STUCK_CHANGE && now >= 0.9 * baseline) return history[i].epoch;
  }
  return null;
}

/** Returns the loss of a model that ignores its input and predicts the training targets' distribution. */
function guessLoss(data: PreparedData, loss: LossName): number {
  const y = data.trainY;
  const n = data.nTrain;
  if (n === 0) return Infinity;
  if (loss === 'MSELoss') {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += y[i] / n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (y[i] - mean) ** 2 / n;
    return variance;
  }

  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(y[i], (counts.get(y[i]) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) entropy -= (count / n) * Math.log(count / n);
  return entropy;
}

/** First epoch of a run of rising validation loss during which training loss fell, or null. */
function overfittingEpoch(history: readonly EpochProgress[]): number | null {
  let rising = 0;
  for (let i = 1; i < history.length; i++) {
    const { valLoss, trainLoss } = history[i];
    const previous = history[i - 1];
    if (valLoss === null || previous.valLoss === null) return null;
    rising = valLoss > previous.valLoss && trainLoss < previous.trainLoss ? rising + 1 : 0;
    if (rising >= OVERFIT_EPOCHS) return history[i - OVERFIT_EPOCHS].epoch;
  }
  return null;
}

/** Names of the ReLU layers (as "layer N") in which most units output zero for every sample. */
export function deadReluLayers(model: nn.Sequential, data: PreparedData): string[] {
  const rows = Math.min(data.nTrain, DEAD_RELU_ROWS);
  const features = data.features.length;
  if (rows === 0) return [];
  let output = new Tensor(data.trainX.slice(0, rows * features), [rows, features]);
  const dead: string[] = [];
  const wasTraining = model.training;
  model.eval();
  try {
    noGrad(() => {
      model.layers().forEach((layer, index) => {
        output = layer.forward(output);
        if (!(layer instanceof nn.ReLU)) return;
        const units = output.shape[1];
        let deadUnits = 0;
        for (let unit = 0; unit < units; unit++) {
          let alive = false;
          for (let row = 0; row < rows && !alive; row++) alive = output.data[row * units + unit] > 0;
          if (!alive) deadUnits += 1;
        }
        if (deadUnits >= DEAD_RELU_SHARE * units) dead.push(`layer ${index}`);
      });
    });
  } finally {
    model.train(wasTraining);
  }
  return dead;
}
