/** Matrix products, transpose and the fused affine map of a Linear layer. */
import { Tensor, makeResult } from '../tensor';
import { formatShape } from '../shape';
import { kernels } from '../kernels/registry';

function floatData(t: Tensor, op: string): Float32Array {
  if (!(t.data instanceof Float32Array)) {
    throw new TypeError(`${op}: expected float32 tensors, got ${t.dtype} of shape ${formatShape(t.shape)}; convert it with .float()`);
  }
  return t.data;
}

/**
 * Matrix product of tensors with one or two dimensions, like `torch.matmul`:
 * [n, k] @ [k, m] → [n, m]; a 1-D operand is treated as a row (left) or column (right)
 * vector and its dimension is removed from the result.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0 || a.ndim > 2 || b.ndim > 2) {
    throw new RangeError(
      `matmul: both operands need 1 or 2 dimensions, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  const n = a.ndim === 2 ? a.shape[0] : 1;
  const k = a.shape[a.ndim - 1];
  const kb = b.shape[0];
  const m = b.ndim === 2 ? b.shape[1] : 1;
  if (k !== kb) {
    throw new RangeError(
      `matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be multiplied: ` +
        `the first has ${k} columns but the second has ${kb} rows`,
    );
  }

  const x = floatData(a, 'matmul');
  const y = floatData(b, 'matmul');
  const out = new Float32Array(n * m);
  kernels.matmulNN(x, y, out, n, k, m);
  const shape = [...(a.ndim === 2 ? [n] : []), ...(b.ndim === 2 ? [m] : [])];

  return makeResult(out, shape, [a, b], 'matmul', (g) => {
    let ga: Float32Array | null = null;
    let gb: Float32Array | null = null;
    if (a.requiresGrad) {
      ga = new Float32Array(n * k);
      kernels.matmulNT(g, y, ga, n, m, k);
    }
    if (b.requiresGrad) {
      gb = new Float32Array(k * m);
      kernels.matmulTN(x, g, gb, n, k, m);
    }
    return [ga, gb];
  });
}

/** Transpose of a tensor with at most two dimensions (a copy). */
export function transpose(a: Tensor): Tensor {
  if (a.ndim > 2) {
    throw new RangeError(`t(): expects a tensor with at most 2 dimensions, got shape ${formatShape(a.shape)}`);
  }
  if (a.ndim < 2) return a.reshape(a.shape);
  const [rows, cols] = a.shape;
  const swap = (src: ArrayLike<number>, dst: Float32Array | Int32Array, r: number, c: number): void => {
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) dst[j * r + i] = src[i * c + j];
  };
  if (a.data instanceof Int32Array) {
    const out = new Int32Array(a.numel());
    swap(a.data, out, rows, cols);
    return new Tensor(out, [cols, rows]);
  }
  const out = new Float32Array(a.numel());
  swap(a.data, out, rows, cols);
  return makeResult(out, [cols, rows], [a], 't', (g) => {
    const ga = new Float32Array(g.length);
    swap(g, ga, cols, rows);
    return [ga];
  });
}

/**
 * y = x · weightᵀ + bias, like `torch.nn.functional.linear`.
 * @param input [N, inFeatures] or [inFeatures]
 * @param weight [outFeatures, inFeatures]
 * @param bias [outFeatures] or null
 */
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const [outFeatures, inFeatures] = weight.shape;
  const last = input.shape[input.ndim - 1];
  if (input.ndim < 1 || input.ndim > 2 || last !== inFeatures) {
    throw new RangeError(
      `linear: input of shape ${formatShape(input.shape)} cannot be multiplied by a weight of shape ` +
        `${formatShape(weight.shape)}: the input's last dimension must be ${inFeatures}`,
    );
  }
  const n = input.ndim === 2 ? input.shape[0] : 1;
  const x = floatData(input, 'linear');
  const w = floatData(weight, 'linear');
  const out = new Float32Array(n * outFeatures);
  kernels.matmulNT(x, w, out, n, inFeatures, outFeatures);
  if (bias !== null) {
    const b = floatData(bias, 'linear');
    for (let i = 0; i < n; i++) for (let j = 0; j < outFeatures; j++) out[i * outFeatures + j] += b[j];
  }
  const shape = input.ndim === 2 ? [n, outFeatures] : [outFeatures];
  const inputs = bias === null ? [input, weight] : [input, weight, bias];

  return makeResult(out, shape, inputs, 'linear', (g) => {
    let gx: Float32Array | null = null;
    let gw: Float32Array | null = null;
    let gb: Float32Array | null = null;
    if (input.requiresGrad) {
      gx = new Float32Array(n * inFeatures);
      kernels.matmulNN(g, w, gx, n, outFeatures, inFeatures);
    }
    if (weight.requiresGrad) {
      gw = new Float32Array(outFeatures * inFeatures);
      kernels.matmulTN(g, x, gw, n, outFeatures, inFeatures);
    }
    if (bias?.requiresGrad) {
      gb = new Float32Array(outFeatures);
      for (let i = 0; i < n; i++) for (let j = 0; j < outFeatures; j++) gb[j] += g[i * outFeatures + j];
    }
    return [gx, gw, gb];
  });
}
