/** Functions that create tensors: from data, filled with constants, or random. */
import { Tensor, type DType, type NestedArray, type TensorData } from './tensor';
import { checkShape, shapeSize, type Shape } from './shape';
import { defaultGenerator, type Generator } from './random';

export interface TensorOptions {
  /** Element type; by default int32 when every value is an integer in plain arrays, else float32. */
  dtype?: DType;
  requiresGrad?: boolean;
}

export interface RandomOptions {
  requiresGrad?: boolean;
  /** Draw from this generator instead of the default one that `manualSeed` seeds. */
  generator?: Generator;
}

/**
 * Creates a tensor from a number, nested arrays of numbers, or a typed array (1-D).
 * Plain arrays of integers give an int32 tensor, usable as class labels, unless
 * `dtype: 'float32'` is passed; a Float32Array is always float32, an Int32Array int32.
 */
export function tensor(data: NestedArray | TensorData | readonly number[], options: TensorOptions = {}): Tensor {
  if (data instanceof Float32Array || data instanceof Int32Array) {
    const dtype = options.dtype ?? (data instanceof Int32Array ? 'int32' : 'float32');
    return new Tensor(convert(data, dtype), [data.length], options);
  }

  const shape = inferShape(data);
  const values = new Array<number>(shapeSize(shape));
  let count = 0;
  const visit = (value: NestedArray, depth: number, path: number[]): void => {
    if (depth === shape.length) {
      if (typeof value !== 'number') {
        throw new TypeError(`tensor: expected a number at index [${path.join(', ')}], got ${describe(value)}`);
      }
      values[count++] = value;
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[depth]) {
      const found = Array.isArray(value) ? `${value.length} elements` : describe(value);
      throw new RangeError(
        `tensor: nested arrays must be rectangular; at index [${path.join(', ')}] expected ` +
          `${shape[depth]} elements (like the first entry at that depth) but found ${found}`,
      );
    }
    value.forEach((item, i) => visit(item, depth + 1, [...path, i]));
  };
  visit(data as NestedArray, 0, []);

  const dtype = options.dtype ?? (values.every(Number.isInteger) ? 'int32' : 'float32');
  const typed = dtype === 'int32' ? Int32Array.from(values) : Float32Array.from(values);
  return new Tensor(typed, shape, options);
}

function convert(data: TensorData, dtype: DType): TensorData {
  if (dtype === 'int32') return Int32Array.from(data, (v) => Math.trunc(v));
  return data instanceof Float32Array ? data : Float32Array.from(data);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : `${typeof value} ${JSON.stringify(value)}`;
}

function inferShape(data: NestedArray | readonly number[]): number[] {
  const shape: number[] = [];
  let level: unknown = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return shape;
}

/** Creates a tensor of `shape` filled with `value`. */
export function full(shape: Shape, value: number, options: TensorOptions = {}): Tensor {
  const size = shapeSize(checkShape(shape, 'full'));
  const data = options.dtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
  data.fill(value);
  return new Tensor(data, shape, options);
}

export function zeros(shape: Shape, options: TensorOptions = {}): Tensor {
  return full(shape, 0, options);
}

export function ones(shape: Shape, options: TensorOptions = {}): Tensor {
  return full(shape, 1, options);
}

export function zerosLike(like: Tensor, options: TensorOptions = {}): Tensor {
  return zeros(like.shape, { dtype: like.dtype, ...options });
}

/** Draws uniform random values in [0, 1). */
export function rand(shape: Shape, options: RandomOptions = {}): Tensor {
  const generator = options.generator ?? defaultGenerator;
  const data = new Float32Array(shapeSize(checkShape(shape, 'rand')));
  for (let i = 0; i < data.length; i++) data[i] = generator.random();
  return new Tensor(data, shape, options);
}

/** Draws standard normal random values (mean 0, standard deviation 1). */
export function randn(shape: Shape, options: RandomOptions = {}): Tensor {
  const generator = options.generator ?? defaultGenerator;
  const data = new Float32Array(shapeSize(checkShape(shape, 'randn')));
  for (let i = 0; i < data.length; i++) data[i] = generator.normal();
  return new Tensor(data, shape, options);
}

/** Integers start, start + step, … below end, as int32 when all are integers. */
export function arange(start: number, end?: number, step = 1): Tensor {
  const [from, to] = end === undefined ? [0, start] : [start, end];
  if (step === 0) throw new RangeError('arange: step must not be zero');
  const count = Math.max(0, Math.ceil((to - from) / step));
  const values = Array.from({ length: count }, (_, i) => from + i * step);
  return tensor(values);
}
