/// <reference types="@webgpu/types" />
/**
 * Tiled matrix multiply C = op(A) · op(B), where op transposes or not, with an optional bias
 * row and activation fused into the store. One WGSL program per combination of options.
 *
 * The three forms a Linear layer needs, with A [batchSize, inFeatures], W [outFeatures, inFeatures]
 * and G the output gradient [batchSize, outFeatures]:
 *   forward:        Z = A · Wᵀ + b   (transB)
 *   input gradient: G · W            (no transpose)
 *   weight gradient: Gᵀ · A          (transA)
 */
import type { GpuContext, Dispatch, UniformField } from '../context';
import { activationExpression, type ActivationKind } from './activation';
import { MAX_WORKGROUPS_PER_DIMENSION } from './elementwise';

/** Rows and columns of C that one workgroup computes. */
export const MATMUL_TILE = 64;

/** Slice of the shared dimension loaded into workgroup memory at a time. */
const TILE_K = 16;

export interface MatmulOptions {
  /** A is stored transposed, as [k, m] (default false). */
  transA?: boolean;
  /** B is stored transposed, as [n, k] (default false). */
  transB?: boolean;
  /** Adds a bias row of n values to every row of C (default false). */
  bias?: boolean;
  /**
   * Also writes activation(C) into a second output; C itself keeps the pre-activation values
   * that the ReLU family's backward pass reads (default none).
   */
  activation?: ActivationKind;
}

/** Buffers of one matmul; `bias` and `activated` are required when the options ask for them. */
export interface MatmulBuffers {
  a: GPUBuffer;
  b: GPUBuffer;
  out: GPUBuffer;
  bias?: GPUBuffer;
  activated?: GPUBuffer;
}

/** Shape of C = op(A) · op(B): C is [m, n] and k is the shared dimension. */
export interface MatmulShape {
  m: number;
  n: number;
  k: number;
  /** LeakyReLU's negative slope when the fused activation is leakyRelu (default 0). */
  slope?: number;
}

function matmulCode(
  transA: boolean,
  transB: boolean,
  bias: boolean,
  activation: ActivationKind | undefined,
): string {
  const threads = 256;
  const loadsA = (MATMUL_TILE * TILE_K) / threads;
  const loadsB = (TILE_K * MATMUL_TILE) / threads;

  // Consecutive threads load consecutive addresses of the stored matrix.
  const loadA = transA
    ? `let mm = idx % ${MATMUL_TILE}u; let kk = idx / ${MATMUL_TILE}u;`
    : `let kk = idx % ${TILE_K}u; let mm = idx / ${TILE_K}u;`;
  const addressA = transA ? 'kIndex * dims.m + row' : 'row * dims.k + kIndex';
  const loadB = transB
    ? `let kk = idx % ${TILE_K}u; let nn = idx / ${TILE_K}u;`
    : `let nn = idx % ${MATMUL_TILE}u; let kk = idx / ${MATMUL_TILE}u;`;
  const addressB = transB ? 'col * dims.k + kIndex' : 'kIndex * dims.n + col';

  let binding = 4;
  const biasBinding = bias
    ? `@group(0) @binding(${binding++}) var<storage, read> bias: array<f32>;`
    : '';
  const activatedBinding = activation
    ? `@group(0) @binding(${binding++}) var<storage, read_write> activated: array<f32>;`
    : '';
  const biasTerm = bias ? ' + bias[col]' : '';
  const activationStore = activation
    ? `activated[row * dims.n + col] = ${activationExpression(activation, 'value', 'dims.slope')};`
    : '';

  // Thread (x, y) owns rows y, y + 16, y + 32, y + 48 and columns x, x + 16, x + 32, x + 48 of
  // the tile: one vec4 accumulator per row, its lanes the four columns. Written out without
  // loops over private arrays, which llvmpipe's compiler takes seconds to unroll.
  return `
struct Dims { m: u32, n: u32, k: u32, slope: f32 }
@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
${biasBinding}
${activatedBinding}

var<workgroup> tileA: array<f32, ${MATMUL_TILE * TILE_K}>;
var<workgroup> tileB: array<f32, ${TILE_K * MATMUL_TILE}>;

fn storeValue(row: u32, col: u32, sum: f32) {
  if (row < dims.m && col < dims.n) {
    let value = sum${biasTerm};
    out[row * dims.n + col] = value;
    ${activationStore}
  }
}

fn storeRow(row: u32, col: u32, sums: vec4f) {
  storeValue(row, col, sums.x);
  storeValue(row, col + 16u, sums.y);
  storeValue(row, col + 32u, sums.z);
  storeValue(row, col + 48u, sums.w);
}

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_id) local: vec3u) {
  let rowBase = group.y * ${MATMUL_TILE}u;
  let colBase = group.x * ${MATMUL_TILE}u;
  let thread = local.y * 16u + local.x;
  var acc0 = vec4f(0.0);
  var acc1 = vec4f(0.0);
  var acc2 = vec4f(0.0);
  var acc3 = vec4f(0.0);

  for (var k0 = 0u; k0 < dims.k; k0 += ${TILE_K}u) {
    for (var load = 0u; load < ${loadsA}u; load++) {
      let idx = thread + load * ${threads}u;
      ${loadA}
      let row = rowBase + mm;
      let kIndex = k0 + kk;
      var value = 0.0;
      if (row < dims.m && kIndex < dims.k) {
        value = a[${addressA}];
      }
      tileA[kk * ${MATMUL_TILE}u + mm] = value;
    }
    for (var load = 0u; load < ${loadsB}u; load++) {
      let idx = thread + load * ${threads}u;
      ${loadB}
      let col = colBase + nn;
      let kIndex = k0 + kk;
      var value = 0.0;
      if (col < dims.n && kIndex < dims.k) {
        value = b[${addressB}];
      }
      tileB[kk * ${MATMUL_TILE}u + nn] = value;
    }
    workgroupBarrier();

    for (var kk = 0u; kk < ${TILE_K}u; kk++) {
      let base = kk * ${MATMUL_TILE}u;
      let col = base + local.x;
      let bv = vec4f(tileB[col], tileB[col + 16u], tileB[col + 32u], tileB[col + 48u]);
      acc0 = fma(vec4f(tileA[base + local.y]), bv, acc0);
      acc1 = fma(vec4f(tileA[base + local.y + 16u]), bv, acc1);
      acc2 = fma(vec4f(tileA[base + local.y + 32u]), bv, acc2);
      acc3 = fma(vec4f(tileA[base + local.y + 48u]), bv, acc3);
    }
    workgroupBarrier();
  }

  let row = rowBase + local.y;
  let col = colBase + local.x;
  storeRow(row, col, acc0);
  storeRow(row + 16u, col, acc1);
  storeRow(row + 32u, col, acc2);
  storeRow(row + 48u, col, acc3);
}
`;
}

/**
 * Dispatches C = op(A) · op(B) (+ bias, then activation) with 64 x 64 tiles of C per workgroup.
 * Each of the 256 threads accumulates a 4 x 4 block, so C's edges beyond m and n and the tail
 * of k are guarded by bounds checks rather than padding.
 *
 * @param shape C is [m, n]; A is [m, k] ([k, m] with transA); B is [k, n] ([n, k] with transB).
 */
export function matmul(
  context: GpuContext,
  buffers: MatmulBuffers,
  shape: MatmulShape,
  options: MatmulOptions = {},
): Dispatch {
  const { transA = false, transB = false, bias = false, activation } = options;
  const { m, n, k, slope = 0 } = shape;
  if (bias && buffers.bias === undefined) {
    throw new TypeError('matmul: options.bias is set but no bias buffer was given');
  }
  if (activation !== undefined && buffers.activated === undefined) {
    throw new TypeError(`matmul: fused ${activation} needs an activated output buffer`);
  }
  const groupsX = Math.max(1, Math.ceil(n / MATMUL_TILE));
  const groupsY = Math.max(1, Math.ceil(m / MATMUL_TILE));
  if (groupsX > MAX_WORKGROUPS_PER_DIMENSION || groupsY > MAX_WORKGROUPS_PER_DIMENSION) {
    throw new RangeError(
      `matmul: output [${m}, ${n}] needs more than 65535 tiles of ${MATMUL_TILE} along one side`,
    );
  }

  const form = `${transA ? 'T' : 'N'}${transB ? 'T' : 'N'}`;
  const key = `matmul:${form}:bias=${bias}:activation=${activation ?? 'none'}`;
  const pipeline = context.pipeline(key, () => matmulCode(transA, transB, bias, activation));
  const dimsFields: UniformField[] = [['u32', m], ['u32', n], ['u32', k], ['f32', slope]];
  const dims = context.uniformBuffer(dimsFields, 'matmul dims');
  const bound = [dims, buffers.a, buffers.b, buffers.out];
  if (bias && buffers.bias !== undefined) bound.push(buffers.bias);
  if (activation !== undefined && buffers.activated !== undefined) bound.push(buffers.activated);
  return context.dispatch(key, pipeline, bound, [groupsX, groupsY, 1]);
}
