/// <reference types="@webgpu/types" />
/**
 * Adam update with PyTorch's rule, as engine/optim/adam.ts applies it on the CPU:
 * g ← grad + weightDecay·p; m ← β1·m + (1-β1)·g; v ← β2·v + (1-β2)·g²;
 * p ← p - lr/(1-β1ᵗ) · m / (√v / √(1-β2ᵗ) + eps); AMSGrad puts the running max of v in place of v.
 */
import type { GpuContext, Dispatch, UniformField } from '../context';
import { elementwiseMain, elementwiseWorkgroups } from './elementwise';

/** Settings of one Adam step, shared by every parameter. */
export interface AdamStepSettings {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** 1-based step count t, which sets the bias corrections. */
  step: number;
}

/**
 * Returns the uniform fields that `adamUpdate` reads for a parameter of `count` values. The bias
 * corrections are computed here in double precision, as the CPU optimizer does.
 */
export function adamStepFields(count: number, settings: AdamStepSettings): UniformField[] {
  const { lr, beta1, beta2, eps, weightDecay, step } = settings;
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** step);
  return [
    ['u32', count],
    ['f32', lr / biasCorrection1],
    ['f32', beta1],
    ['f32', 1 - beta1],
    ['f32', beta2],
    ['f32', 1 - beta2],
    ['f32', biasCorrection2Sqrt],
    ['f32', eps],
    ['f32', weightDecay],
  ];
}

/** Moment buffers of one parameter; `maxExpAvgSq` is present only with AMSGrad. */
export interface AdamMoments {
  expAvg: GPUBuffer;
  expAvgSq: GPUBuffer;
  maxExpAvgSq: GPUBuffer | null;
}

/**
 * Dispatches one Adam update of `count` parameters.
 *
 * @param stepParams uniform buffer holding `adamStepFields(count, ...)` of the current step;
 *   the caller rewrites it before each step, since the bias corrections change with t.
 */
export function adamUpdate(
  context: GpuContext,
  stepParams: GPUBuffer,
  param: GPUBuffer,
  grad: GPUBuffer,
  moments: AdamMoments,
  count: number,
): Dispatch {
  const amsgrad = moments.maxExpAvgSq !== null;
  const key = `adam:amsgrad=${amsgrad}`;
  const maxBinding = amsgrad
    ? '@group(0) @binding(5) var<storage, read_write> maxExpAvgSq: array<f32>;'
    : '';
  const secondMoment = amsgrad
    ? `
  let second = max(maxExpAvgSq[i], v);
  maxExpAvgSq[i] = second;`
    : `
  let second = v;`;
  const pipeline = context.pipeline(key, () => `
struct Step {
  count: u32, stepSize: f32, beta1: f32, oneMinusBeta1: f32, beta2: f32,
  oneMinusBeta2: f32, biasCorrection2Sqrt: f32, eps: f32, weightDecay: f32,
}
@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<storage, read_write> param: array<f32>;
@group(0) @binding(2) var<storage, read> grad: array<f32>;
@group(0) @binding(3) var<storage, read_write> expAvg: array<f32>;
@group(0) @binding(4) var<storage, read_write> expAvgSq: array<f32>;
${maxBinding}
${elementwiseMain('step.count', `
  let g = grad[i] + step.weightDecay * param[i];
  let m = expAvg[i] * step.beta1 + step.oneMinusBeta1 * g;
  let v = expAvgSq[i] * step.beta2 + step.oneMinusBeta2 * g * g;
  expAvg[i] = m;
  expAvgSq[i] = v;${secondMoment}
  let denom = sqrt(second) / step.biasCorrection2Sqrt + step.eps;
  param[i] -= step.stepSize * m / denom;`)}`);

  const bound = [stepParams, param, grad, moments.expAvg, moments.expAvgSq];
  if (moments.maxExpAvgSq !== null) bound.push(moments.maxExpAvgSq);
  return context.dispatch(key, pipeline, bound, elementwiseWorkgroups(count));
}
