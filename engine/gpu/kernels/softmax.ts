/// <reference types="@webgpu/types" />
/** Softmax along the rows of a [rows, cols] matrix, forward and backward, one thread per row. */
import type { GpuContext, Dispatch } from '../context';
import { elementwiseMain, elementwiseWorkgroups } from './elementwise';

const PARAMS = 'struct Params { rows: u32, cols: u32 }';

/** Dispatches output = softmax(input) along each row, with the row maximum subtracted first. */
export function softmaxForward(
  context: GpuContext,
  input: GPUBuffer,
  output: GPUBuffer,
  rows: number,
  cols: number,
): Dispatch {
  const pipeline = context.pipeline('softmax-forward', () => `
${PARAMS}
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> input: array<f32>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;
${elementwiseMain('params.rows', `
  let base = i * params.cols;
  var maxValue = input[base];
  for (var j = 1u; j < params.cols; j++) {
    maxValue = max(maxValue, input[base + j]);
  }
  var total = 0.0;
  for (var j = 0u; j < params.cols; j++) {
    total += exp(input[base + j] - maxValue);
  }
  for (var j = 0u; j < params.cols; j++) {
    output[base + j] = exp(input[base + j] - maxValue) / total;
  }`)}`);
  const params = context.uniformBuffer([['u32', rows], ['u32', cols]], 'softmax params');
  const buffers = [params, input, output];
  return context.dispatch('softmax forward', pipeline, buffers, elementwiseWorkgroups(rows));
}

/** Dispatches gradInput = y · (grad - Σ grad·y) per row, where y is the softmax output. */
export function softmaxBackward(
  context: GpuContext,
  output: GPUBuffer,
  grad: GPUBuffer,
  gradInput: GPUBuffer,
  rows: number,
  cols: number,
): Dispatch {
  const pipeline = context.pipeline('softmax-backward', () => `
${PARAMS}
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> output: array<f32>;
@group(0) @binding(2) var<storage, read> grad: array<f32>;
@group(0) @binding(3) var<storage, read_write> gradInput: array<f32>;
${elementwiseMain('params.rows', `
  let base = i * params.cols;
  var dot = 0.0;
  for (var j = 0u; j < params.cols; j++) {
    dot += grad[base + j] * output[base + j];
  }
  for (var j = 0u; j < params.cols; j++) {
    gradInput[base + j] = output[base + j] * (grad[base + j] - dot);
  }`)}`);
  const params = context.uniformBuffer([['u32', rows], ['u32', cols]], 'softmax backward params');
  const buffers = [params, output, grad, gradInput];
  return context.dispatch('softmax backward', pipeline, buffers, elementwiseWorkgroups(rows));
}
