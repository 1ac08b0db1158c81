/// <reference types="@webgpu/types" />
/**
 * Element-wise activations: ReLU, LeakyReLU, Sigmoid and Tanh, forward and backward. The same
 * WGSL expressions are fused into the matmul epilogue when an activation follows a Linear layer.
 */
import type { GpuContext, Dispatch } from '../context';
import { elementwiseMain, elementwiseWorkgroups } from './elementwise';

export type ActivationKind = 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh';

/** True when the backward pass of `kind` reads the activation's input, false for its output. */
export function backwardUsesInput(kind: ActivationKind): boolean {
  return kind === 'relu' || kind === 'leakyRelu';
}

/**
 * Returns a WGSL f32 expression of `kind` applied to `x`; `slope` names LeakyReLU's negative
 * slope. The rules match the CPU kernels: x > 0 picks the positive branch, so NaN maps to 0.
 */
export function activationExpression(kind: ActivationKind, x: string, slope: string): string {
  switch (kind) {
    case 'relu':
      return `select(0.0, ${x}, ${x} > 0.0)`;
    case 'leakyRelu':
      return `select(${x} * ${slope}, ${x}, ${x} > 0.0)`;
    case 'sigmoid':
      return `(1.0 / (1.0 + exp(-${x})))`;
    case 'tanh':
      // tanh of |x| > 9.02 rounds to ±1 in f32; the clamp keeps exp-based tanh from inf / inf.
      return `tanh(clamp(${x}, -15.0, 15.0))`;
  }
}

/**
 * Returns the WGSL f32 expression of the input gradient, given the output gradient `g` and
 * either the activation's input `x` (ReLU family) or its output `y` (Sigmoid, Tanh).
 */
function gradientExpression(kind: ActivationKind, g: string, saved: string, slope: string): string {
  switch (kind) {
    case 'relu':
      return `select(0.0, ${g}, ${saved} > 0.0)`;
    case 'leakyRelu':
      return `select(${g} * ${slope}, ${g}, ${saved} > 0.0)`;
    case 'sigmoid':
      return `${g} * ${saved} * (1.0 - ${saved})`;
    case 'tanh':
      return `${g} * (1.0 - ${saved} * ${saved})`;
  }
}

const PARAMS = 'struct Params { count: u32, slope: f32 }';

/**
 * Dispatches output = activation(input) over `count` elements.
 *
 * @param slope LeakyReLU's negative slope; ignored by the other kinds.
 */
export function activationForward(
  context: GpuContext,
  kind: ActivationKind,
  slope: number,
  input: GPUBuffer,
  output: GPUBuffer,
  count: number,
): Dispatch {
  const pipeline = context.pipeline(`activation-forward:${kind}`, () => `
${PARAMS}
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> input: array<f32>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;
${elementwiseMain('params.count', `
  let x = input[i];
  output[i] = ${activationExpression(kind, 'x', 'params.slope')};`)}`);
  const params = context.uniformBuffer([['u32', count], ['f32', slope]], `${kind} forward params`);
  const buffers = [params, input, output];
  return context.dispatch(`${kind} forward`, pipeline, buffers, elementwiseWorkgroups(count));
}

/**
 * Dispatches gradInput = grad · activation'(...) over `count` elements.
 *
 * @param saved the activation's input for ReLU and LeakyReLU, its output for Sigmoid and Tanh
 *   (see `backwardUsesInput`).
 */
export function activationBackward(
  context: GpuContext,
  kind: ActivationKind,
  slope: number,
  saved: GPUBuffer,
  grad: GPUBuffer,
  gradInput: GPUBuffer,
  count: number,
): Dispatch {
  const pipeline = context.pipeline(`activation-backward:${kind}`, () => `
${PARAMS}
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> saved: array<f32>;
@group(0) @binding(2) var<storage, read> grad: array<f32>;
@group(0) @binding(3) var<storage, read_write> gradInput: array<f32>;
${elementwiseMain('params.count', `
  let g = grad[i];
  let s = saved[i];
  gradInput[i] = ${gradientExpression(kind, 'g', 's', 'params.slope')};`)}`);
  const params = context.uniformBuffer([['u32', count], ['f32', slope]], `${kind} backward params`);
  const buffers = [params, saved, grad, gradInput];
  return context.dispatch(`${kind} backward`, pipeline, buffers, elementwiseWorkgroups(count));
}
