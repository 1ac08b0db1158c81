/// <reference types="@webgpu/types" />
/**
 * SGD update with PyTorch's rule, the one engine/optim/sgd.ts applies on the CPU.
 * d ← grad + weightDecay·p, then b ← momentum·b + (1 - dampening)·d (b ← d on the first step).
 * Nesterov momentum then sets d ← d + momentum·b, plain momentum d ← b. Last, p ← p - lr·d.
 */
import type { GpuContext, Dispatch, UniformField } from '../context';
import { elementwiseMain, elementwiseWorkgroups } from './elementwise';

/** Settings of one SGD step, shared by every parameter. */
export interface SgdStepSettings {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  /** True on the optimizer's first step, when the momentum buffer starts as the gradient. */
  firstStep: boolean;
}

/** Returns the uniform fields that `sgdUpdate` reads for a parameter of `count` values. */
export function sgdStepFields(count: number, settings: SgdStepSettings): UniformField[] {
  return [
    ['u32', count],
    ['f32', settings.lr],
    ['f32', settings.momentum],
    ['f32', settings.dampening],
    ['f32', settings.weightDecay],
    ['u32', settings.nesterov ? 1 : 0],
    ['u32', settings.firstStep ? 1 : 0],
  ];
}

/**
 * Dispatches one SGD update of `count` parameters.
 *
 * @param stepParams uniform buffer holding `sgdStepFields(count, ...)` of the current step;
 *   the caller rewrites it before each step, since the first step differs from the others.
 * @param momentumBuffer the parameter's momentum buffer, or null when momentum is 0.
 */
export function sgdUpdate(
  context: GpuContext,
  stepParams: GPUBuffer,
  param: GPUBuffer,
  grad: GPUBuffer,
  momentumBuffer: GPUBuffer | null,
  count: number,
): Dispatch {
  const withMomentum = momentumBuffer !== null;
  const key = `sgd:momentum=${withMomentum}`;
  const momentumBinding = withMomentum
    ? '@group(0) @binding(3) var<storage, read_write> momentumBuffer: array<f32>;'
    : '';
  const momentumStep = withMomentum
    ? `
  var b = d;
  if (step.firstStep == 0u) {
    b = step.momentum * momentumBuffer[i] + (1.0 - step.dampening) * d;
  }
  momentumBuffer[i] = b;
  d = select(b, d + step.momentum * b, step.nesterov != 0u);`
    : '';
  const pipeline = context.pipeline(key, () => `
struct Step {
  count: u32, lr: f32, momentum: f32, dampening: f32,
  weightDecay: f32, nesterov: u32, firstStep: u32,
}
@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<storage, read_write> param: array<f32>;
@group(0) @binding(2) var<storage, read> grad: array<f32>;
${momentumBinding}
${elementwiseMain('step.count', `
  var d = grad[i];
  if (step.weightDecay != 0.0) {
    d += step.weightDecay * param[i];
  }${momentumStep}
  param[i] -= step.lr * d;`)}`);

  const bound = [stepParams, param, grad];
  if (momentumBuffer !== null) bound.push(momentumBuffer);
  return context.dispatch(key, pipeline, bound, elementwiseWorkgroups(count));
}
