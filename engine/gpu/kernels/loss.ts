/// <reference types="@webgpu/types" />
/**
 * Losses of the GPU training step. Each kernel writes d(loss)/d(output) and the loss terms
 * (one per row for cross-entropy, one per element otherwise); `sumToScalar` then adds the
 * terms up. The formulas match the CPU fused step, PyTorch's: log clamped at -100 in BCELoss,
 * the log-sum-exp form in BCEWithLogitsLoss, and a stable log-softmax in CrossEntropyLoss.
 */
import type { GpuContext, Dispatch, UniformField } from '../context';
import type { LossStep } from '../../fused/plan';
import { elementwiseMain, elementwiseWorkgroups } from './elementwise';

/** Layout of the target buffer: class indices (i32), or float values shaped like the output. */
export type TargetKind = 'indices' | 'values';

/** A loss dispatch and the number of terms it writes. */
export interface LossDispatch {
  dispatch: Dispatch;
  termCount: number;
}

const BINDINGS = (targetType: 'i32' | 'f32') => `
struct Params { rows: u32, cols: u32, scale: f32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> output: array<f32>;
@group(0) @binding(2) var<storage, read> targets: array<${targetType}>;
@group(0) @binding(3) var<storage, read_write> grad: array<f32>;
@group(0) @binding(4) var<storage, read_write> terms: array<f32>;
`;

/** Log-sum-exp of row i, shared by both cross-entropy kernels. */
const ROW_LOG_SUM_EXP = `
  let base = i * params.cols;
  var maxValue = output[base];
  for (var c = 1u; c < params.cols; c++) {
    maxValue = max(maxValue, output[base + c]);
  }
  var total = 0.0;
  for (var c = 0u; c < params.cols; c++) {
    total += exp(output[base + c] - maxValue);
  }
  let logSumExp = maxValue + log(total);`;

const CROSS_ENTROPY_INDICES = `
${ROW_LOG_SUM_EXP}
  let label = targets[i];
  if (label < 0 || u32(label) >= params.cols) {
    // The step checks labels before upload; a bad one still yields NaN, never a stray read.
    // WGSL rejects a constant NaN, so the bit pattern is combined with a runtime value.
    terms[i] = bitcast<f32>(0x7fc00000u | (params.rows & 0u));
    return;
  }
  terms[i] = logSumExp - output[base + u32(label)];
  for (var c = 0u; c < params.cols; c++) {
    let p = exp(output[base + c] - logSumExp);
    grad[base + c] = select(p, p - 1.0, c == u32(label)) * params.scale;
  }`;

const CROSS_ENTROPY_PROBABILITIES = `
${ROW_LOG_SUM_EXP}
  var mass = 0.0;
  var sampleLoss = 0.0;
  for (var c = 0u; c < params.cols; c++) {
    mass += targets[base + c];
    sampleLoss -= targets[base + c] * (output[base + c] - logSumExp);
  }
  terms[i] = sampleLoss;
  for (var c = 0u; c < params.cols; c++) {
    grad[base + c] = (exp(output[base + c] - logSumExp) * mass - targets[base + c]) * params.scale;
  }`;

const MSE = `
  let diff = output[i] - targets[i];
  terms[i] = diff * diff;
  grad[i] = 2.0 * diff * params.scale;`;

// An output outside [0, 1] gives NaN, where the CPU step throws: the GPU step never reads back.
const BCE = `
  let p = output[i];
  let y = targets[i];
  terms[i] = -(y * max(log(p), -100.0) + (1.0 - y) * max(log(1.0 - p), -100.0));
  grad[i] = params.scale * (p - y) / max((1.0 - p) * p, 1e-12);`;

// log1p(t) is t - t²/2 to f32 precision for t < 1e-4, where log(1 + t) loses digits.
const BCE_WITH_LOGITS = `
  let x = output[i];
  let y = targets[i];
  let t = exp(-abs(x));
  let softplus = select(log(1.0 + t), t * (1.0 - 0.5 * t), t < 1e-4);
  terms[i] = max(x, 0.0) - x * y + softplus;
  grad[i] = params.scale * (1.0 / (1.0 + exp(-x)) - y);`;

/**
 * Dispatches the loss of `output` ([rows, cols]) against `target`: writes the gradient,
 * already multiplied by `scale`, into `grad`, and the unscaled loss terms into `terms`.
 *
 * @param scale for reduction 'mean', 1 / rows with cross-entropy and 1 / (rows · cols) with
 *   the other losses; 1 for reduction 'sum'.
 */
export function lossGradient(
  context: GpuContext,
  kind: LossStep,
  targetKind: TargetKind,
  buffers: { output: GPUBuffer; target: GPUBuffer; grad: GPUBuffer; terms: GPUBuffer },
  rows: number,
  cols: number,
  scale: number,
): LossDispatch {
  if (targetKind === 'indices' && kind !== 'crossEntropy') {
    throw new TypeError(
      `${kind} loss: target must be float32 values shaped like the output, got int32 class indices`,
    );
  }
  const perRow = kind === 'crossEntropy';
  const body = kind === 'crossEntropy'
    ? (targetKind === 'indices' ? CROSS_ENTROPY_INDICES : CROSS_ENTROPY_PROBABILITIES)
    : { mse: MSE, bce: BCE, bceWithLogits: BCE_WITH_LOGITS }[kind];
  const count = perRow ? 'params.rows' : 'params.rows * params.cols';
  const key = `loss:${kind}:${targetKind}`;
  const targetType = targetKind === 'indices' ? 'i32' : 'f32';
  const pipeline = context.pipeline(key, () => BINDINGS(targetType) + elementwiseMain(count, body));

  const fields: UniformField[] = [['u32', rows], ['u32', cols], ['f32', scale]];
  const params = context.uniformBuffer(fields, `${key} params`);
  const termCount = perRow ? rows : rows * cols;
  const { output, target, grad, terms } = buffers;
  const bound = [params, output, target, grad, terms];
  const dispatch = context.dispatch(key, pipeline, bound, elementwiseWorkgroups(termCount));
  return { dispatch, termCount };
}
