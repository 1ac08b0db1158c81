/** Softmax and log-softmax along one dimension, numerically stable for large inputs. */
import { Tensor, makeResult } from '../tensor';
import { normalizeDim } from '../shape';

function layout(a: Tensor, dim: number, op: string): [number, number, number] {
  const d = normalizeDim(dim, a.ndim, op);
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < d; i++) outer *= a.shape[i];
  for (let i = d + 1; i < a.ndim; i++) inner *= a.shape[i];
  return [outer, a.ndim === 0 ? 1 : a.shape[d], inner];
}

/** Writes log-softmax (or softmax when `log` is false) of `x` along the middle axis into `out`. */
export function softmaxKernel(
  x: ArrayLike<number>,
  out: Float32Array,
  outer: number,
  size: number,
  inner: number,
  log: boolean,
): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let maxValue = -Infinity;
      for (let k = 0; k < size; k++) maxValue = Math.max(maxValue, x[base + k * inner]);
      if (maxValue === -Infinity) maxValue = 0;
      let total = 0;
      for (let k = 0; k < size; k++) total += Math.exp(x[base + k * inner] - maxValue);
      const logTotal = Math.log(total);
      for (let k = 0; k < size; k++) {
        const shifted = x[base + k * inner] - maxValue;
        out[base + k * inner] = log ? shifted - logTotal : Math.exp(shifted) / total;
      }
    }
  }
}

/** Softmax along `dim`: exp(x) / sum(exp(x)). */
export function softmax(a: Tensor, dim: number): Tensor {
  const [outer, size, inner] = layout(a, dim, 'softmax');
  const out = new Float32Array(a.numel());
  softmaxKernel(a.data, out, outer, size, inner, false);
  return makeResult(out, a.shape, [a], 'softmax', (g) => {
    const ga = new Float32Array(g.length);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * size * inner + i;
        let dot = 0;
        for (let k = 0; k < size; k++) dot += g[base + k * inner] * out[base + k * inner];
        for (let k = 0; k < size; k++) {
          const index = base + k * inner;
          ga[index] = out[index] * (g[index] - dot);
        }
      }
    }
    return [ga];
  });
}

/** log(softmax(x)) along `dim`, computed as x - max - log(sum(exp(x - max))). */
export function logSoftmax(a: Tensor, dim: number): Tensor {
  const [outer, size, inner] = layout(a, dim, 'logSoftmax');
  const out = new Float32Array(a.numel());
  softmaxKernel(a.data, out, outer, size, inner, true);
  return makeResult(out, a.shape, [a], 'logSoftmax', (g) => {
    const ga = new Float32Array(g.length);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * size * inner + i;
        let total = 0;
        for (let k = 0; k < size; k++) total += g[base + k * inner];
        for (let k = 0; k < size; k++) {
          const index = base + k * inner;
          ga[index] = g[index] - Math.exp(out[index]) * total;
        }
      }
    }
    return [ga];
  });
}
