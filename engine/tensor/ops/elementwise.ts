/** Element-wise operations with broadcasting, each with its gradient beside it. */
import { Tensor, makeResult, type DType, type NestedArray, type TensorData } from '../tensor';
import { broadcastOffsets, broadcastShapes, formatShape, sameShape, shapeSize } from '../shape';
import { isGradEnabled } from '../grad-mode';
import { tensor } from '../create';

type Operand = Tensor | number;

interface Broadcast {
  shape: number[];
  size: number;
  /** Offset into each input per output element; null where the input already has the output shape. */
  aOffsets: Int32Array | null;
  bOffsets: Int32Array | null;
}

function planBroadcast(a: Tensor, b: Tensor, op: string): Broadcast {
  if (sameShape(a.shape, b.shape)) {
    return { shape: [...a.shape], size: a.numel(), aOffsets: null, bOffsets: null };
  }
  const shape = broadcastShapes(a.shape, b.shape, op);
  return {
    shape,
    size: shapeSize(shape),
    aOffsets: sameShape(a.shape, shape) ? null : broadcastOffsets(a.shape, shape),
    bOffsets: sameShape(b.shape, shape) ? null : broadcastOffsets(b.shape, shape),
  };
}

/** Sums a gradient of the broadcast output shape back onto an input of `size` elements. */
function unbroadcast(grad: Float32Array, offsets: Int32Array | null, size: number): Float32Array {
  if (offsets === null) return grad;
  const out = new Float32Array(size);
  for (let i = 0; i < grad.length; i++) out[offsets[i]] += grad[i];
  return out;
}

function asTensor(value: Operand, like: Tensor): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value !== 'number') {
    throw new TypeError(`expected a tensor or a number, got ${typeof value}`);
  }
  const integral = like.dtype === 'int32' && Number.isInteger(value);
  return new Tensor(integral ? Int32Array.of(value) : Float32Array.of(value), []);
}

type BinaryKernel = (x: number, y: number) => number;

function binary(
  name: string,
  a: Tensor,
  other: Operand,
  kernel: BinaryKernel,
  keepsInt: boolean,
  gradients: (g: Float32Array, x: TensorData, y: TensorData, plan: Broadcast) => [Float32Array | null, Float32Array | null],
): Tensor {
  const b = asTensor(other, a);
  const plan = planBroadcast(a, b, name);
  const dtype: DType = keepsInt && a.dtype === 'int32' && b.dtype === 'int32' ? 'int32' : 'float32';
  const out = dtype === 'int32' ? new Int32Array(plan.size) : new Float32Array(plan.size);
  const x = a.data;
  const y = b.data;
  const { aOffsets, bOffsets } = plan;
  if (aOffsets === null && bOffsets === null) {
    for (let i = 0; i < out.length; i++) out[i] = kernel(x[i], y[i]);
  } else if (aOffsets === null && b.numel() === 1) {
    const scalar = y[0];
    for (let i = 0; i < out.length; i++) out[i] = kernel(x[i], scalar);
  } else {
    for (let i = 0; i < out.length; i++) {
      out[i] = kernel(x[aOffsets === null ? i : aOffsets[i]], y[bOffsets === null ? i : bOffsets[i]]);
    }
  }

  return makeResult(out, plan.shape, [a, b], name, (g) => {
    const [ga, gb] = gradients(g, x, y, plan);
    return [
      ga && a.requiresGrad ? unbroadcast(ga, plan.aOffsets, a.numel()) : null,
      gb && b.requiresGrad ? unbroadcast(gb, plan.bOffsets, b.numel()) : null,
    ];
  });
}

function at(data: TensorData, offsets: Int32Array | null, i: number): number {
  return data[offsets === null ? i : offsets[i]];
}

export function add(a: Tensor, b: Operand): Tensor {
  return binary('add', a, b, (x, y) => x + y, true, (g) => [g, g]);
}

export function sub(a: Tensor, b: Operand): Tensor {
  return binary('sub', a, b, (x, y) => x - y, true, (g) => [g, g.map((v) => -v)]);
}

export function mul(a: Tensor, b: Operand): Tensor {
  return binary('mul', a, b, (x, y) => x * y, true, (g, x, y, plan) => {
    const ga = new Float32Array(g.length);
    const gb = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) {
      ga[i] = g[i] * at(y, plan.bOffsets, i);
      gb[i] = g[i] * at(x, plan.aOffsets, i);
    }
    return [ga, gb];
  });
}

export function div(a: Tensor, b: Operand): Tensor {
  return binary('div', a, b, (x, y) => x / y, false, (g, x, y, plan) => {
    const ga = new Float32Array(g.length);
    const gb = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) {
      const yi = at(y, plan.bOffsets, i);
      ga[i] = g[i] / yi;
      gb[i] = (-g[i] * at(x, plan.aOffsets, i)) / (yi * yi);
    }
    return [ga, gb];
  });
}

/** Element-wise `a == b` as an int32 tensor of 0 and 1; it has no gradient. */
export function eq(a: Tensor, b: Operand): Tensor {
  const other = asTensor(b, a);
  const plan = planBroadcast(a, other, 'eq');
  const out = new Int32Array(plan.size);
  for (let i = 0; i < out.length; i++) {
    out[i] = at(a.data, plan.aOffsets, i) === at(other.data, plan.bOffsets, i) ? 1 : 0;
  }
  return new Tensor(out, plan.shape);
}

/**
 * Applies `kernel` to each element. `derivative(x, y)` gives d(out)/d(in) from the input x
 * and the output y, so the gradient is `grad * derivative`.
 */
function unary(
  name: string,
  a: Tensor,
  kernel: (x: number) => number,
  derivative: (x: number, y: number) => number,
): Tensor {
  const x = a.data;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = kernel(x[i]);
  return makeResult(out, a.shape, [a], name, (g) => {
    const ga = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = g[i] * derivative(x[i], out[i]);
    return [ga];
  });
}

export function neg(a: Tensor): Tensor {
  if (a.dtype === 'int32') return new Tensor(Int32Array.from(a.data, (v) => -v), a.shape);
  return unary('neg', a, (x) => -x, () => -1);
}

export function exp(a: Tensor): Tensor {
  return unary('exp', a, Math.exp, (_x, y) => y);
}

export function log(a: Tensor): Tensor {
  return unary('log', a, Math.log, (x) => 1 / x);
}

export function abs(a: Tensor): Tensor {
  return unary('abs', a, Math.abs, (x) => Math.sign(x));
}

export function pow(a: Tensor, exponent: number): Tensor {
  if (typeof exponent !== 'number') {
    throw new TypeError('pow: only a number exponent is supported yet, got a tensor');
  }
  return unary(
    'pow',
    a,
    (x) => Math.pow(x, exponent),
    (x) => (exponent === 0 ? 0 : exponent * Math.pow(x, exponent - 1)),
  );
}

export function sigmoid(a: Tensor): Tensor {
  return unary('sigmoid', a, (x) => 1 / (1 + Math.exp(-x)), (_x, y) => y * (1 - y));
}

export function relu(a: Tensor): Tensor {
  return unary('relu', a, (x) => (x > 0 ? x : 0), (x) => (x > 0 ? 1 : 0));
}

export function tanh(a: Tensor): Tensor {
  return unary('tanh', a, Math.tanh, (_x, y) => 1 - y * y);
}

export function leakyRelu(a: Tensor, negativeSlope: number): Tensor {
  if (!Number.isFinite(negativeSlope)) {
    throw new TypeError(`leakyRelu: negativeSlope must be a finite number, got ${negativeSlope}`);
  }
  return unary('leakyRelu', a, (x) => (x > 0 ? x : x * negativeSlope), (x) => (x > 0 ? 1 : negativeSlope));
}

export function clone(a: Tensor): Tensor {
  if (a.dtype === 'int32') return new Tensor(Int32Array.from(a.data), a.shape);
  return makeResult(Float32Array.from(a.data), a.shape, [a], 'clone', (g) => [g]);
}

/** Converts to `dtype`; float32 → float32 keeps the graph, int32 truncates toward zero. */
export function cast(a: Tensor, dtype: DType): Tensor {
  if (dtype === 'int32') return new Tensor(Int32Array.from(a.data, (v) => Math.trunc(v)), a.shape);
  if (dtype !== 'float32') throw new TypeError(`to: unknown dtype ${String(dtype)}; use 'float32' or 'int32'`);
  if (a.dtype === 'float32') return clone(a);
  return new Tensor(Float32Array.from(a.data), a.shape);
}

/** Copies `src`, broadcast to `target`'s shape, into `target` in place. */
export function copyInto(target: Tensor, src: Tensor | NestedArray): void {
  if (target.requiresGrad && target.isLeaf && isGradEnabled()) {
    throw new Error(
      `copy_: a leaf tensor that requires gradients (shape ${formatShape(target.shape)}) cannot be ` +
        'changed in place while gradients are recorded; wrap the change in noGrad(() => …)',
    );
  }
  const source = src instanceof Tensor ? src : tensor(src, { dtype: target.dtype });
  const shape = broadcastShapes(target.shape, source.shape, 'copy_');
  if (!sameShape(shape, target.shape)) {
    throw new RangeError(
      `copy_: source of shape ${formatShape(source.shape)} cannot be broadcast to the ` +
        `destination's shape ${formatShape(target.shape)}`,
    );
  }
  const offsets = sameShape(source.shape, target.shape) ? null : broadcastOffsets(source.shape, target.shape);
  const out = target.data;
  const isInt = out instanceof Int32Array;
  for (let i = 0; i < out.length; i++) {
    const value = at(source.data, offsets, i);
    out[i] = isInt ? Math.trunc(value) : value;
  }
}
