/// <reference types="@webgpu/types" />
/**
 * One epoch of training batches on each backend: the CPU (the fused step, or autograd for
 * models it does not cover) and a WebGPU device. Each returns the epoch's figures; the
 * trainer evaluates and keeps the best weights.
 */

import type { PreparedData } from '../data/prepare';
import type { DataLoader } from '../data/data-loader';
import type { LossName } from '../graph/types';
import type * as nn from '../nn';
import type { FusedTrainingStep } from '../fused';
import type { GpuTrainingStep } from '../gpu/gpu-step';
import type { Optimizer } from '../optim';
import type { Task } from '../project/types';
import type { Tensor } from '../tensor/tensor';
import { countCorrect, evaluate, type LossModule } from './evaluate';

/** Pacing of an epoch: when it yields to the event loop and how it checks for a stop request. */
export interface Pacing {
  yieldEveryMs: number;
  lastYield: number;
  yieldToEventLoop: () => Promise<void>;
  stopRequested: () => boolean;
}

export interface EpochContext {
  epoch: number;
  loader: DataLoader;
  task: Task;
  loss: LossName;
  onBatch?: (progress: { epoch: number; batch: number; batches: number; loss: number }) => void;
  pacing: Pacing;
}

/** Figures of one epoch's batches. */
export interface EpochRun {
  /** Sum over batches of loss × rows. */
  lossSum: number;
  /** Correct predictions in training mode (classification). */
  correct: number;
  rows: number;
  /** Batches trained. */
  batch: number;
  stopReason: 'completed' | 'interrupted' | 'diverged';
}

/** Yields to the event loop when the pacing interval has passed; returns true on a stop request. */
async function pace(pacing: Pacing): Promise<boolean> {
  if (performance.now() - pacing.lastYield >= pacing.yieldEveryMs) {
    await pacing.yieldToEventLoop();
    pacing.lastYield = performance.now();
  }
  return pacing.stopRequested();
}

/** Trains one epoch on the CPU: the fused step when given, autograd otherwise. */
export async function runCpuEpoch(
  fused: FusedTrainingStep | null,
  model: nn.Sequential,
  lossModule: LossModule,
  optimizer: Optimizer,
  context: EpochContext,
): Promise<EpochRun> {
  const { epoch, loader, task, loss } = context;
  const run: EpochRun = { lossSum: 0, correct: 0, rows: 0, batch: 0, stopReason: 'completed' };

  for (const [x, y] of loader) {
    run.batch += 1;
    const { output, lossValue } = fused ? runFused(fused, x, y) : runAutograd(model, lossModule, optimizer, x, y);
    if (!Number.isFinite(lossValue)) {
      run.stopReason = 'diverged';
      break;
    }
    optimizer.step();

    const batchRows = x.shape[0];
    run.lossSum += lossValue * batchRows;
    run.correct += countCorrect(output, y, task, loss);
    run.rows += batchRows;
    context.onBatch?.({ epoch, batch: run.batch, batches: loader.length, loss: lossValue });
    if (await pace(context.pacing)) {
      run.stopReason = 'interrupted';
      break;
    }
  }
  return run;
}

/**
 * Trains one epoch on the GPU. Batches are enqueued without waiting. Their losses are read
 * back whenever the trainer yields and at the end of the epoch, and are reported in order.
 * The weights then return to the model. The training accuracy is measured on the CPU in
 * evaluation mode, because the GPU step keeps no outputs.
 */
export async function runGpuEpoch(
  step: GpuTrainingStep,
  model: nn.Sequential,
  data: PreparedData,
  context: EpochContext,
): Promise<EpochRun> {
  const { epoch, loader, task, loss } = context;
  const run: EpochRun = { lossSum: 0, correct: 0, rows: 0, batch: 0, stopReason: 'completed' };
  const batchRows: number[] = [];
  let reported = 0;

  const report = async (): Promise<void> => {
    const losses = await step.readLosses();
    for (const lossValue of losses) {
      const rows = batchRows[reported];
      reported += 1;
      if (!Number.isFinite(lossValue)) run.stopReason = 'diverged';
      run.lossSum += lossValue * rows;
      run.rows += rows;
      context.onBatch?.({ epoch, batch: reported, batches: loader.length, loss: lossValue });
    }
  };

  for (const [x, y] of loader) {
    run.batch += 1;
    step.step(x.data as Float32Array, y.data, x.shape[0]);
    batchRows.push(x.shape[0]);
    if (performance.now() - context.pacing.lastYield >= context.pacing.yieldEveryMs) await report();
    if (run.stopReason === 'diverged') break;
    if (await pace(context.pacing)) {
      run.stopReason = 'interrupted';
      break;
    }
  }
  await report();
  await step.syncToModel();

  if (task !== 'regression' && run.rows > 0) {
    const accuracy = evaluate(model, data.trainX, data.trainY, data.nTrain, { task, loss }).accuracy ?? 0;
    run.correct = accuracy * run.rows;
  }
  return run;
}

interface BatchResult {
  output: Tensor;
  lossValue: number;
}

function runFused(fused: FusedTrainingStep, x: Tensor, y: Tensor): BatchResult {
  const batchSize = x.shape[0];
  const lossValue = fused.computeGradients(x.data as Float32Array, y.data, batchSize);
  return { output: fused.lastOutput(batchSize), lossValue };
}

function runAutograd(
  model: nn.Sequential,
  lossModule: LossModule,
  optimizer: Optimizer,
  x: Tensor,
  y: Tensor,
): BatchResult {
  optimizer.zeroGrad();
  const output = model.forward(x);
  const lossValue = lossModule.forward(output, y);
  lossValue.backward();
  return { output, lossValue: lossValue.item() };
}
