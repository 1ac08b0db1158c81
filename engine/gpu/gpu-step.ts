/// <reference types="@webgpu/types" />
/**
 * A training step for Sequential models that runs on a WebGPU device: the same plans and the
 * same update as `FusedTrainingStep`, with parameters, optimizer state, activations and
 * gradients kept in GPU buffers across steps. `step` only enqueues work; losses and weights
 * come back through the async `readLosses`, `readLoss` and `syncToModel`.
 */
import type { Tensor } from '../tensor/tensor';
import { defaultGenerator } from '../tensor/random';
import type { Module } from '../nn/module';
import type { Optimizer } from '../optim/optimizer';
import { planFusedStep, type FusedPlan } from '../fused/plan';
import type { LossTarget } from '../fused/fused-loss';
import { GpuContext, encodeDispatches, unshared } from './context';
import { GpuOptimizer } from './gpu-optimizer';
import {
  destroyParameters,
  downloadParameters,
  reuploadParameters,
  uploadParameters,
  type GpuParameter,
} from './parameters';
import { Workspace } from './workspace';
import { LossLog } from './loss-log';
import { buildProgram, type Program } from './program';

/** Programs kept per step object; a new batch size or mode past this many starts the cache anew. */
const MAX_PROGRAMS = 8;

export class GpuTrainingStep {
  readonly plan: FusedPlan;
  private readonly model: Module;
  private readonly context: GpuContext;
  private readonly parameters: Map<Tensor, GpuParameter>;
  private readonly optimizer: GpuOptimizer;
  private readonly lossLog: LossLog;
  private readonly seed: GPUBuffer;
  private workspace: Workspace | null = null;
  private programs = new Map<string, Program>();

  private constructor(
    model: Module,
    plan: FusedPlan,
    context: GpuContext,
    parameters: Map<Tensor, GpuParameter>,
    optimizer: GpuOptimizer,
  ) {
    this.model = model;
    this.plan = plan;
    this.context = context;
    this.parameters = parameters;
    this.optimizer = optimizer;
    this.lossLog = new LossLog(context);
    this.seed = context.uniformBuffer([['u32', 0]], 'dropout seed');
  }

  /**
   * Returns a GPU step for this model, loss and optimizer, or null when the fused plan does not
   * cover them (see `planFusedStep`), the optimizer is neither SGD nor Adam, or two layers share
   * a parameter. Uploads the parameters; the optimizer's state starts empty on the GPU.
   *
   * @param device a WebGPU device: from `requestNodeDevice` in Node, `navigator.gpu` in a browser.
   */
  static create(
    model: Module,
    loss: Module,
    optimizer: Optimizer,
    device: GPUDevice,
  ): GpuTrainingStep | null {
    const plan = planFusedStep(model, loss);
    if (plan === null) return null;
    const context = GpuContext.forDevice(device);
    const gpuOptimizer = GpuOptimizer.create(context, optimizer);
    if (gpuOptimizer === null) return null;
    const parameters = uploadParameters(context, plan);
    if (parameters === null) return null;
    return new GpuTrainingStep(model, plan, context, parameters, gpuOptimizer);
  }

  /**
   * Enqueues one training step on a batch and returns without waiting for the GPU.
   *
   * @param input [batchSize, inFeatures] row-major; values past that size are ignored.
   * @param target class indices (CrossEntropyLoss), or float32 values shaped like the output.
   * @param batchSize rows in this batch; the buffers grow to the largest batch seen.
   * @throws RangeError for a batch size, input or target that does not fit the model, or a
   *   class index outside [0, classes), and TypeError for class indices with a loss other than
   *   CrossEntropyLoss, as the CPU step does.
   */
  step(input: Float32Array, target: LossTarget, batchSize: number): void {
    const { widths, layers } = this.plan;
    const inFeatures = widths[0];
    const outWidth = widths[widths.length - 1];
    this.checkBatch(input, target, batchSize, inFeatures, outWidth);

    const workspace = this.ensureCapacity(batchSize);
    const program = this.programFor(batchSize, target instanceof Int32Array ? 'indices' : 'values');
    const queue = this.context.device.queue;
    queue.writeBuffer(workspace.activations[0], 0, unshared(input), 0, batchSize * inFeatures);
    const targetCount = target instanceof Int32Array ? batchSize : batchSize * outWidth;
    queue.writeBuffer(workspace.target, 0, unshared(target), 0, targetCount);
    if (this.model.training && layers.some((layer) => layer.kind === 'dropout')) {
      // One draw per step from the engine's generator, so manualSeed makes GPU runs repeatable.
      this.context.writeUniform(this.seed, [['u32', defaultGenerator.nextUint32()]]);
    }
    this.optimizer.prepareStep(program.updated);

    const encoder = this.context.device.createCommandEncoder({ label: 'training step' });
    encodeDispatches(encoder, program.dispatches);
    this.lossLog.record(encoder, workspace.loss);
    queue.submit([encoder.finish()]);
    this.lossLog.afterSubmit();
  }

  /** Steps enqueued since the last `readLosses` or `readLoss`. */
  get pendingLosses(): number {
    return this.lossLog.pending;
  }

  /**
   * Waits for the enqueued steps and returns their losses, oldest first, then starts a new
   * record. A loss that is not finite comes back as NaN or Infinity, when training diverged.
   */
  async readLosses(): Promise<Float32Array> {
    return this.lossLog.read();
  }

  /**
   * Waits for the enqueued steps and returns the mean of their losses, or NaN when there were
   * none. Starts a new record, so one call per epoch gives the epoch's mean training loss.
   */
  async readLoss(): Promise<number> {
    const losses = await this.readLosses();
    let total = 0;
    for (const loss of losses) total += loss;
    return total / losses.length;
  }

  /** Waits for the enqueued steps and copies the parameters into the model's tensors. */
  async syncToModel(): Promise<void> {
    await downloadParameters(this.context, this.parameters.values());
  }

  /**
   * Uploads the model's current parameter values, for example after loading a state dict.
   * The GPU optimizer state is kept.
   */
  syncFromModel(): void {
    reuploadParameters(this.context, this.parameters.values());
  }

  /** Frees the GPU buffers; the step cannot be used afterwards. */
  destroy(): void {
    this.workspace?.destroy();
    this.workspace = null;
    this.programs.clear();
    destroyParameters(this.parameters);
    this.optimizer.destroy();
    this.lossLog.destroy();
    this.seed.destroy();
  }

  private checkBatch(
    input: Float32Array,
    target: LossTarget,
    batchSize: number,
    inFeatures: number,
    outWidth: number,
  ): void {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      const message = `GPU training step: batchSize must be a positive integer, got ${batchSize}`;
      throw new RangeError(message);
    }
    const inputSize = batchSize * inFeatures;
    if (input.length < inputSize) {
      throw new RangeError(
        `GPU training step: input has ${input.length} values, but a batch of ` +
          `[${batchSize}, ${inFeatures}] needs ${inputSize}`,
      );
    }
    const outputSize = batchSize * outWidth;
    if (target instanceof Int32Array) {
      this.checkClassIndices(target, batchSize, outWidth);
    } else if (target.length !== outputSize) {
      throw new RangeError(
        `GPU training step: target has ${target.length} values but the output has ${outputSize} ` +
          `([${batchSize}, ${outWidth}])`,
      );
    }
  }

  private checkClassIndices(target: Int32Array, batchSize: number, classes: number): void {
    if (this.plan.loss !== 'crossEntropy') {
      throw new TypeError(
        `${this.plan.loss} loss: target must be float32 values shaped like the output, ` +
          'got int32 class indices',
      );
    }
    if (target.length < batchSize) {
      throw new RangeError(
        `CrossEntropyLoss: got ${target.length} class indices for a batch of ${batchSize}`,
      );
    }
    for (let i = 0; i < batchSize; i++) {
      const label = target[i];
      if (!(label >= 0 && label < classes)) {
        throw new RangeError(
          `CrossEntropyLoss: target ${label} at position ${i} is out of bounds: the model has ` +
            `${classes} outputs, so class indices must be in [0, ${classes - 1}]`,
        );
      }
    }
  }

  private ensureCapacity(batchSize: number): Workspace {
    if (this.workspace !== null && batchSize <= this.workspace.capacity) return this.workspace;
    // WebGPU lets submitted work finish with a destroyed buffer; only later submissions fail.
    this.workspace?.destroy();
    this.workspace = new Workspace(this.context, this.plan, batchSize);
    this.programs.clear();
    return this.workspace;
  }

  private programFor(batchSize: number, targetKind: 'indices' | 'values'): Program {
    const training = this.model.training;
    const trained = [...this.parameters.keys()]
      .map((tensor) => (this.optimizer.updates(tensor) ? '1' : '0'))
      .join('');
    const key = `${batchSize}:${training}:${targetKind}:${trained}`;
    let program = this.programs.get(key);
    if (program === undefined) {
      if (this.programs.size >= MAX_PROGRAMS) this.programs.clear();
      const resources = {
        context: this.context,
        plan: this.plan,
        workspace: this.workspace!,
        parameters: this.parameters,
        optimizer: this.optimizer,
        seed: this.seed,
      };
      program = buildProgram(resources, { batchSize, training, targetKind });
      this.programs.set(key, program);
    }
    return program;
  }
}
