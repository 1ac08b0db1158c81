/** Reductions: sum, mean, argmax, max and min. */
import { Tensor, makeResult } from '../tensor';
import { formatShape, normalizeDim } from '../shape';
import { reshape } from './view';

/** Splits a shape around `dim` into the sizes before it, at it and after it. */
function around(shape: readonly number[], dim: number): [number, number, number] {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < dim; i++) outer *= shape[i];
  for (let i = dim + 1; i < shape.length; i++) inner *= shape[i];
  return [outer, shape[dim] ?? 1, inner];
}

function reducedShape(shape: readonly number[], dim: number, keepdim: boolean): number[] {
  return keepdim ? shape.map((size, i) => (i === dim ? 1 : size)) : shape.filter((_, i) => i !== dim);
}

function sumAll(a: Tensor, scale: number, keepdim: boolean, name: string): Tensor {
  let total = 0;
  for (let i = 0; i < a.data.length; i++) total += a.data[i];
  const shape = keepdim ? a.shape.map(() => 1) : [];
  if (a.dtype === 'int32' && scale === 1) return new Tensor(Int32Array.of(total), shape);
  const out = Float32Array.of(total * scale);
  return makeResult(out, shape, [a], name, (g) => [new Float32Array(a.numel()).fill(g[0] * scale)]);
}

function sumDim(a: Tensor, dim: number, keepdim: boolean, scale: number, name: string): Tensor {
  const [outer, size, inner] = around(a.shape, dim);
  const shape = reducedShape(a.shape, dim, keepdim);
  const x = a.data;
  const acc = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < size; k++) {
      const base = (o * size + k) * inner;
      for (let i = 0; i < inner; i++) acc[o * inner + i] += x[base + i];
    }
  }
  if (a.dtype === 'int32' && scale === 1) return new Tensor(Int32Array.from(acc), shape);
  const out = Float32Array.from(acc, (v) => v * scale);

  return makeResult(out, shape, [a], name, (g) => {
    const ga = new Float32Array(a.numel());
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < size; k++) {
        const base = (o * size + k) * inner;
        for (let i = 0; i < inner; i++) ga[base + i] = g[o * inner + i] * scale;
      }
    }
    return [ga];
  });
}

function reduceDims(a: Tensor, dim: number | number[] | undefined, keepdim: boolean, mean: boolean): Tensor {
  const name = mean ? 'mean' : 'sum';
  if (dim === undefined) return sumAll(a, mean ? 1 / a.numel() : 1, keepdim, name);

  const dims = (Array.isArray(dim) ? dim : [dim]).map((d) => normalizeDim(d, a.ndim, name));
  if (new Set(dims).size !== dims.length) {
    throw new RangeError(`${name}: dim ${JSON.stringify(dim)} lists a dimension more than once`);
  }
  if (a.ndim === 0) return sumAll(a, 1, keepdim, name);

  let out = a;
  for (const d of [...dims].sort((x, y) => y - x)) {
    out = sumDim(out, d, true, mean ? 1 / a.shape[d] : 1, name);
  }
  if (keepdim) return out;
  return reshape(out, a.shape.filter((_, i) => !dims.includes(i)));
}

/** Sum over all elements, or over `dim` (a number or a list), keeping reduced dims as size 1 if `keepdim`. */
export function sum(a: Tensor, dim?: number | number[], keepdim = false): Tensor {
  return reduceDims(a, dim, keepdim, false);
}

/** Mean over all elements, or over `dim` (a number or a list). */
export function mean(a: Tensor, dim?: number | number[], keepdim = false): Tensor {
  if (a.numel() === 0) throw new RangeError(`mean: cannot take the mean of an empty tensor of shape ${formatShape(a.shape)}`);
  return reduceDims(a, dim, keepdim, true);
}

/** Index of the maximum along `dim` (or over the flattened tensor), first one on ties, as int32. */
export function argmax(a: Tensor, dim?: number, keepdim = false): Tensor {
  if (a.numel() === 0) throw new RangeError('argmax: cannot take the argmax of an empty tensor');
  if (dim === undefined) {
    let best = 0;
    for (let i = 1; i < a.data.length; i++) if (a.data[i] > a.data[best]) best = i;
    return new Tensor(Int32Array.of(best), keepdim ? a.shape.map(() => 1) : []);
  }

  const d = normalizeDim(dim, a.ndim, 'argmax');
  const [outer, size, inner] = around(a.shape, d);
  const out = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = 0;
      let bestValue = a.data[o * size * inner + i];
      for (let k = 1; k < size; k++) {
        const value = a.data[(o * size + k) * inner + i];
        if (value > bestValue || (Number.isNaN(value) && !Number.isNaN(bestValue))) {
          best = k;
          bestValue = value;
        }
      }
      out[o * inner + i] = best;
    }
  }
  return new Tensor(out, reducedShape(a.shape, d, keepdim));
}

function extreme(a: Tensor, sign: 1 | -1, name: string): Tensor {
  if (a.numel() === 0) throw new RangeError(`${name}: cannot reduce an empty tensor`);
  let best = 0;
  for (let i = 1; i < a.data.length; i++) if (sign * (a.data[i] - a.data[best]) > 0) best = i;
  const data = a.dtype === 'int32' ? Int32Array.of(a.data[best]) : Float32Array.of(a.data[best]);
  if (data instanceof Int32Array) return new Tensor(data, []);
  return makeResult(data, [], [a], name, (g) => {
    const ga = new Float32Array(a.numel());
    ga[best] = g[0];
    return [ga];
  });
}

export function max(a: Tensor): Tensor {
  return extreme(a, 1, 'max');
}

export function min(a: Tensor): Tensor {
  return extreme(a, -1, 'min');
}
