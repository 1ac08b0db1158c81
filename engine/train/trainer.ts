/// <reference types="@webgpu/types" />
/**
 * The training loop. It runs epochs over a seeded DataLoader with the chosen loss and
 * optimizer, reports each batch and epoch, can stop between batches, and keeps the
 * weights with the lowest validation loss.
 */

import type { PreparedData } from '../data/prepare';
import { DataLoader } from '../data/data-loader';
import { TensorDataset } from '../data/tensor-dataset';
import { LOSSES_FOR_TASK } from '../graph/loss-checks';
import type { LossName } from '../graph/types';
import * as nn from '../nn';
import { Adam, SGD, type Optimizer } from '../optim';
import type { Task, TrainingSettings } from '../project/types';
import { manualSeed } from '../tensor/random';
import { Tensor } from '../tensor/tensor';
import { FusedTrainingStep, planFusedStep } from '../fused';
import { GpuTrainingStep } from '../gpu/gpu-step';
import { chooseTrainingBackend, type BackendChoice, type BackendPreference } from '../gpu/select';
import type { GpuAdapterSummary } from '../gpu/adapter-summary';
import { runCpuEpoch, runGpuEpoch, type EpochRun } from './epoch-runners';
import { createLoss, evaluate, targetTensor } from './evaluate';

/** Progress after one batch. */
export interface BatchProgress {
  /** 1-based epoch. */
  epoch: number;
  /** 1-based batch within the epoch. */
  batch: number;
  batches: number;
  /** Loss of this batch. */
  loss: number;
}

/** Figures after one epoch. */
export interface EpochProgress {
  /** 1-based epoch. */
  epoch: number;
  epochs: number;
  /** Mean loss of the epoch's batches, in training mode. */
  trainLoss: number;
  /** Mean loss on the validation rows in evaluation mode, or null without validation rows. */
  valLoss: number | null;
  /** Share of correct predictions of the epoch's batches, in training mode (classification). */
  trainAccuracy?: number;
  valAccuracy?: number;
  /** Regression: mean squared error on the validation rows. */
  valMse?: number;
  /** Wall-clock seconds the epoch took, evaluation included. */
  seconds: number;
  /** True when the epoch was cut short by a stop request or a loss that is not finite. */
  partial: boolean;
}

export interface TrainOptions {
  onBatch?: (progress: BatchProgress) => void;
  onEpoch?: (progress: EpochProgress) => void;
  /** Called between batches; returning true stops training after the current batch. */
  shouldStop?: () => boolean;
  /** Aborting it stops training after the current batch, like `shouldStop`. */
  signal?: AbortSignal;
  /**
   * Milliseconds of work between yields to the event loop (default 50), so that
   * signal handlers, messages and timers run during a long epoch.
   */
  yieldEveryMs?: number;
  /** Use the fused training step where the model supports it (default true); false forces autograd. */
  fused?: boolean;
  /** A WebGPU device to train on; without one, training runs on the CPU. */
  gpu?: TrainingGpu | null;
  /** 'auto' (default) lets `chooseTrainingBackend` decide; 'cpu' or 'gpu' forces a backend. */
  backend?: BackendPreference;
  /** Called once before the first epoch with the backend that trains and why. */
  onBackend?: (choice: BackendChoice) => void;
}

/** A WebGPU device with the summary of its adapter, e.g. from `requestNodeDevice`. */
export interface TrainingGpu {
  device: GPUDevice;
  adapterInfo: GpuAdapterSummary;
}

export type StopReason = 'completed' | 'interrupted' | 'diverged';

export interface TrainResult {
  /** The model with the best weights loaded, in evaluation mode. */
  model: nn.Sequential;
  /** 1-based epoch of the best weights. */
  bestEpoch: number;
  /** Figures of the best epoch. */
  best: EpochProgress;
  /** Every epoch's figures, including a partial last epoch. */
  history: EpochProgress[];
  stopReason: StopReason;
}

/** A loss that does not fit the model, or a run that diverged before any epoch ended. */
export class TrainingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingError';
  }
}

function createOptimizer(model: nn.Sequential, settings: TrainingSettings): Optimizer {
  const parameters = model.parameters().filter((parameter) => parameter.requiresGrad);
  if (settings.optimizer === 'Adam') {
    return new Adam(parameters, { lr: settings.lr, weightDecay: settings.weightDecay });
  }
  return new SGD(parameters, {
    lr: settings.lr,
    momentum: settings.momentum,
    weightDecay: settings.weightDecay,
  });
}

/**
 * Rejects a loss that does not fit the task or the model's last layer: BCELoss needs
 * probabilities from a final Sigmoid, and BCEWithLogitsLoss applies the sigmoid itself.
 */
function checkLoss(model: nn.Sequential, task: Task, loss: LossName): void {
  if (!LOSSES_FOR_TASK[task].includes(loss)) {
    const expected = LOSSES_FOR_TASK[task].join(' or ');
    throw new TrainingError(`${loss} does not fit a ${task} task. Set the loss to ${expected}.`);
  }

  const layers = model.layers();
  const endsInSigmoid = layers[layers.length - 1] instanceof nn.Sigmoid;
  if (loss === 'BCELoss' && !endsInSigmoid) {
    throw new TrainingError(
      'BCELoss needs probabilities, so the model must end in Sigmoid. Add one, or use BCEWithLogitsLoss.',
    );
  }
  if (loss === 'BCEWithLogitsLoss' && endsInSigmoid) {
    throw new TrainingError(
      'BCEWithLogitsLoss applies the sigmoid itself, so the model must not end in Sigmoid. Remove it, or use BCELoss.',
    );
  }
}

/**
 * Returns a GPU training step when a device was given and `chooseTrainingBackend` picks the
 * GPU for this model, or null to train on the CPU. Reports the choice through `onBackend`.
 */
function createGpuStep(
  model: nn.Sequential,
  lossModule: nn.Module,
  optimizer: Optimizer,
  batchSize: number,
  options: TrainOptions,
): GpuTrainingStep | null {
  const plan = planFusedStep(model, lossModule);
  const preference = options.backend ?? 'auto';
  const gpu = options.gpu ?? null;
  if (plan === null) {
    if (preference === 'gpu') {
      throw new TrainingError('This model cannot train on the GPU yet; choose the CPU backend.');
    }
    options.onBackend?.({ backend: 'cpu', reason: 'the GPU path does not support this model' });
    return null;
  }

  let choice: BackendChoice;
  try {
    choice = chooseTrainingBackend(plan, batchSize, gpu?.adapterInfo ?? null, preference);
  } catch (error) {
    throw new TrainingError(`${(error as Error).message}. Choose the CPU backend, or run on a machine with a GPU.`);
  }
  const step = choice.backend === 'gpu' && gpu !== null ? GpuTrainingStep.create(model, lossModule, optimizer, gpu.device) : null;
  if (choice.backend === 'gpu' && step === null) {
    choice = { backend: 'cpu', reason: 'the GPU path does not support this model or optimizer' };
  }
  options.onBackend?.(choice);
  return step;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Trains `model` in place and returns it with the weights of the epoch with the
 * lowest validation loss (the lowest training loss when there are no validation rows).
 *
 * The run is reproducible: the seed of `settings` seeds the DataLoader's shuffling and
 * the global generator that Dropout draws from, so the same model, data and settings
 * give the same weights. A stop request ends training after the current batch, and
 * that partial epoch is evaluated like a full one.
 *
 * @param model an `nn.Sequential` whose output fits the task: [N, classes] logits, or [N, 1].
 * @param data prepared rows; x is [n, features] row-major.
 * @param settings loss, optimizer, batch size, epochs and seed.
 * @throws TrainingError when the loss does not fit the task or the last layer, or when the
 *   loss is not finite before any epoch ends with finite figures.
 */
export async function train(
  model: nn.Sequential,
  data: PreparedData,
  settings: TrainingSettings,
  options: TrainOptions = {},
): Promise<TrainResult> {
  const { task } = data;
  const featureCount = data.features.length;
  const yieldEveryMs = options.yieldEveryMs ?? 50;
  const stopRequested = () => options.signal?.aborted === true || options.shouldStop?.() === true;
  checkLoss(model, task, settings.loss);

  manualSeed(settings.seed);
  const dataset = new TensorDataset(
    new Tensor(data.trainX, [data.nTrain, featureCount]),
    targetTensor(data.trainY, task),
  );
  const loader = new DataLoader(dataset, {
    batchSize: settings.batchSize,
    shuffle: settings.shuffle,
    seed: settings.seed,
  });
  const lossModule = createLoss(settings.loss);
  const optimizer = createOptimizer(model, settings);
  const gpuStep = createGpuStep(model, lossModule, optimizer, settings.batchSize, options);
  // The fused step computes the same gradients as autograd with less overhead per batch.
  const fused =
    gpuStep !== null || options.fused === false ? null : FusedTrainingStep.create(model, lossModule, optimizer);

  const history: EpochProgress[] = [];
  let best: { progress: EpochProgress; state: Record<string, Tensor> } | null = null;
  let stopReason: StopReason = 'completed';
  const pacing = { yieldEveryMs, lastYield: performance.now(), yieldToEventLoop, stopRequested };

  try {
    for (let epoch = 1; epoch <= settings.epochs && stopReason === 'completed'; epoch += 1) {
      const started = performance.now();
      model.train();
      const context = { epoch, loader, task, loss: settings.loss, onBatch: options.onBatch, pacing };
      const run: EpochRun = gpuStep
        ? await runGpuEpoch(gpuStep, model, data, context)
        : await runCpuEpoch(fused, model, lossModule, optimizer, context);
      stopReason = run.stopReason;
      const { lossSum, correct, rows, batch } = run;

      if (rows === 0) break;
      const progress = summarizeEpoch(model, data, settings, {
        epoch,
        trainLoss: lossSum / rows,
        trainAccuracy: task === 'regression' ? undefined : correct / rows,
        started,
        partial: batch < loader.length,
      });
      history.push(progress);
      options.onEpoch?.(progress);

      const score = progress.valLoss ?? progress.trainLoss;
      if (!Number.isFinite(score)) {
        stopReason = 'diverged';
      } else if (best === null || score < (best.progress.valLoss ?? best.progress.trainLoss)) {
        best = { progress, state: model.stateDict() };
      }
    }
  } finally {
    gpuStep?.destroy();
  }

  if (best === null) {
    throw new TrainingError(
      `Training with ${settings.optimizer}(lr=${settings.lr}) produced an infinite or NaN loss ` +
        'before the first epoch ended, so training diverged. Lower the learning rate and train again.',
    );
  }
  model.loadStateDict(best.state);
  model.eval();
  return { model, bestEpoch: best.progress.epoch, best: best.progress, history, stopReason };
}

/** Figures of an epoch's training batches, before validation. */
interface EpochFigures {
  epoch: number;
  trainLoss: number;
  trainAccuracy?: number;
  /** performance.now() when the epoch started. */
  started: number;
  partial: boolean;
}

function summarizeEpoch(
  model: nn.Sequential,
  data: PreparedData,
  settings: TrainingSettings,
  epochFigures: EpochFigures,
): EpochProgress {
  const evaluation = { task: data.task, loss: settings.loss };
  const validation = data.nVal > 0 ? evaluate(model, data.valX, data.valY, data.nVal, evaluation) : null;

  return {
    epoch: epochFigures.epoch,
    epochs: settings.epochs,
    trainLoss: epochFigures.trainLoss,
    valLoss: validation?.loss ?? null,
    ...(epochFigures.trainAccuracy === undefined ? {} : { trainAccuracy: epochFigures.trainAccuracy }),
    ...(validation?.accuracy == null ? {} : { valAccuracy: validation.accuracy }),
    ...(validation?.mse == null ? {} : { valMse: validation.mse }),
    seconds: (performance.now() - epochFigures.started) / 1000,
    partial: epochFigures.partial,
  };
}
