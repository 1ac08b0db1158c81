/// <reference types="@webgpu/types" />
/**
 * The model's optimizer run on the GPU: its settings are read from the CPU optimizer (SGD or
 * Adam), and its state (momentum buffers, Adam moments and step counts) lives in GPU buffers.
 */
import type { Tensor } from '../tensor/tensor';
import type { Optimizer } from '../optim/optimizer';
import { SGD } from '../optim/sgd';
import { Adam } from '../optim/adam';
import type { Dispatch, GpuContext, UniformField } from './context';
import type { GpuParameter } from './parameters';
import { sgdStepFields, sgdUpdate } from './kernels/sgd';
import { adamStepFields, adamUpdate, type AdamMoments } from './kernels/adam';

interface UpdateState {
  /** Uniform with the parameter's settings for the next step. */
  settings: GPUBuffer;
  /** Steps taken so far (Adam's t, and SGD's first-step rule). */
  steps: number;
  momentum: GPUBuffer | null;
  moments: AdamMoments | null;
}

export class GpuOptimizer {
  private readonly context: GpuContext;
  private readonly optimizer: SGD | Adam;
  private readonly params: Set<Tensor>;
  private readonly states = new Map<Tensor, UpdateState>();

  private constructor(context: GpuContext, optimizer: SGD | Adam) {
    this.context = context;
    this.optimizer = optimizer;
    this.params = new Set(optimizer.params);
  }

  /**
   * Returns a GPU copy of `optimizer`, or null when it is neither SGD nor Adam. Its state
   * starts empty, like a new optimizer's: state that the CPU optimizer already has is not copied.
   */
  static create(context: GpuContext, optimizer: Optimizer): GpuOptimizer | null {
    if (optimizer instanceof SGD || optimizer instanceof Adam) {
      return new GpuOptimizer(context, optimizer);
    }
    return null;
  }

  /** True when a step updates `tensor`: the optimizer contains it and it requires a gradient. */
  updates(tensor: Tensor): boolean {
    return tensor.requiresGrad && this.params.has(tensor);
  }

  /** Returns the dispatch that updates `parameter`, creating the parameter's state on first use. */
  updateDispatch(parameter: GpuParameter): Dispatch {
    const { settings, moments, momentum } = this.stateOf(parameter);
    const { buffer, grad, count } = parameter;
    if (moments !== null) return adamUpdate(this.context, settings, buffer, grad, moments, count);
    return sgdUpdate(this.context, settings, buffer, grad, momentum, count);
  }

  /**
   * Writes the settings of the coming step for each of `parameters` and counts the step.
   * Call it once per step, before submitting the step's dispatches.
   */
  prepareStep(parameters: GpuParameter[]): void {
    for (const parameter of parameters) {
      const state = this.stateOf(parameter);
      this.context.writeUniform(state.settings, this.stepFields(parameter.count, state.steps));
      state.steps += 1;
    }
  }

  /** Returns the uniform fields of a parameter of `count` values that has taken `steps` steps. */
  private stepFields(count: number, steps: number): UniformField[] {
    const { optimizer } = this;
    if (optimizer instanceof Adam) {
      const { lr, beta1, beta2, eps, weightDecay } = optimizer;
      return adamStepFields(count, { lr, beta1, beta2, eps, weightDecay, step: steps + 1 });
    }
    const { lr, momentum, dampening, weightDecay, nesterov } = optimizer;
    const firstStep = steps === 0;
    return sgdStepFields(count, { lr, momentum, dampening, weightDecay, nesterov, firstStep });
  }

  /** Frees the GPU memory of the optimizer state. */
  destroy(): void {
    for (const state of this.states.values()) {
      state.settings.destroy();
      state.momentum?.destroy();
      state.moments?.expAvg.destroy();
      state.moments?.expAvgSq.destroy();
      state.moments?.maxExpAvgSq?.destroy();
    }
    this.states.clear();
  }

  private stateOf(parameter: GpuParameter): UpdateState {
    let state = this.states.get(parameter.tensor);
    if (state !== undefined) return state;

    const { context, optimizer } = this;
    const { count } = parameter;
    let moments: AdamMoments | null = null;
    if (optimizer instanceof Adam) {
      moments = {
        expAvg: context.storageBuffer(count, 'exp_avg'),
        expAvgSq: context.storageBuffer(count, 'exp_avg_sq'),
        maxExpAvgSq: optimizer.amsgrad ? context.storageBuffer(count, 'max_exp_avg_sq') : null,
      };
    }
    const withMomentum = optimizer instanceof SGD && optimizer.momentum !== 0;
    state = {
      settings: context.uniformBuffer(this.stepFields(count, 0), 'optimizer step settings'),
      steps: 0,
      momentum: withMomentum ? context.storageBuffer(count, 'momentum buffer') : null,
      moments,
    };
    this.states.set(parameter.tensor, state);
    return state;
  }
}
