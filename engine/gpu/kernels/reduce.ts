/// <reference types="@webgpu/types" />
/** Reductions: the scaled sum of the loss terms, and the column sums that form a bias gradient. */
import type { GpuContext, Dispatch } from '../context';
import { elementwiseMain, elementwiseWorkgroups } from './elementwise';

const REDUCE_THREADS = 256;

/**
 * Dispatches out[0] = scale · Σ values[0..count) in one workgroup: each thread sums a strided
 * share, then a tree in workgroup memory adds the 256 partial sums.
 */
export function sumToScalar(
  context: GpuContext,
  values: GPUBuffer,
  out: GPUBuffer,
  count: number,
  scale: number,
): Dispatch {
  const pipeline = context.pipeline('sum-to-scalar', () => `
struct Params { count: u32, scale: f32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> values: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
var<workgroup> partial: array<f32, ${REDUCE_THREADS}>;

@compute @workgroup_size(${REDUCE_THREADS})
fn main(@builtin(local_invocation_index) thread: u32) {
  var total = 0.0;
  for (var i = thread; i < params.count; i += ${REDUCE_THREADS}u) {
    total += values[i];
  }
  partial[thread] = total;
  workgroupBarrier();
  for (var stride = ${REDUCE_THREADS / 2}u; stride > 0u; stride >>= 1u) {
    if (thread < stride) {
      partial[thread] += partial[thread + stride];
    }
    workgroupBarrier();
  }
  if (thread == 0u) {
    out[0] = partial[0] * params.scale;
  }
}
`);
  const params = context.uniformBuffer([['u32', count], ['f32', scale]], 'sum params');
  return context.dispatch('sum to scalar', pipeline, [params, values, out], [1, 1, 1]);
}

/** Dispatches out[c] = Σ_r values[r · cols + c] of a [rows, cols] matrix, a thread per column. */
export function columnSums(
  context: GpuContext,
  values: GPUBuffer,
  out: GPUBuffer,
  rows: number,
  cols: number,
): Dispatch {
  const pipeline = context.pipeline('column-sums', () => `
struct Params { rows: u32, cols: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> values: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
${elementwiseMain('params.cols', `
  var total = 0.0;
  for (var r = 0u; r < params.rows; r++) {
    total += values[r * params.cols + i];
  }
  out[i] = total;`)}`);
  const params = context.uniformBuffer([['u32', rows], ['u32', cols]], 'column sums params');
  const buffers = [params, values, out];
  return context.dispatch('column sums', pipeline, buffers, elementwiseWorkgroups(cols));
}
