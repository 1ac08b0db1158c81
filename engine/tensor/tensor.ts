import { isGradEnabled } from './grad-mode';
import { formatShape, shapeSize, type Shape } from './shape';
import * as elementwise from './ops/elementwise';
import * as reduce from './ops/reduce';
import * as linalg from './ops/matmul';
import * as softmaxOps from './ops/softmax';
import * as view from './ops/view';

export type DType = 'float32' | 'int32';
export type TensorData = Float32Array | Int32Array;
export type NestedArray = number | NestedArray[];

/**
 * How a tensor was computed: the inputs it depends on and the function that turns the
 * gradient of the output into gradients of those inputs (null where an input needs none).
 */
export interface GradFn {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  backward(grad: Float32Array): (Float32Array | null)[];
  released?: boolean;
}

/** Options of `Tensor.backward`. */
export interface BackwardOptions {
  /** Keep the graph so that backward can run through it again (default false). */
  retainGraph?: boolean;
}

/**
 * A dense, contiguous, row-major n-dimensional array on the CPU with reverse-mode autograd.
 * Operations mirror PyTorch's names in camelCase.
 */
export class Tensor {
  readonly data: TensorData;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly device = 'cpu';
  /** Accumulated gradient after `backward()`; null until then. Leaf tensors only. */
  grad: Tensor | null = null;
  /** The operation that produced this tensor, or null for a leaf. */
  gradFn: GradFn | null = null;
  private requiresGradFlag = false;

  constructor(data: TensorData, shape: Shape, options: { requiresGrad?: boolean } = {}) {
    if (data.length !== shapeSize(shape)) {
      throw new RangeError(
        `Tensor: ${data.length} values do not fill shape ${formatShape(shape)} (${shapeSize(shape)} elements)`,
      );
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = data instanceof Int32Array ? 'int32' : 'float32';
    if (options.requiresGrad) this.requiresGrad = true;
  }

  /** Whether gradients flow to this tensor. Settable on leaves, e.g. to freeze a layer. */
  get requiresGrad(): boolean {
    return this.requiresGradFlag;
  }

  set requiresGrad(value: boolean) {
    if (value && this.dtype !== 'float32') {
      throw new TypeError(
        `requiresGrad: only float32 tensors can require gradients, this one has dtype ${this.dtype}`,
      );
    }
    if (this.gradFn !== null && !value) {
      throw new Error(
        'requiresGrad: only leaf tensors can change requiresGrad; use detach() to get a tensor ' +
          'that does not require gradients',
      );
    }
    this.requiresGradFlag = value;
  }

  /** True for tensors created by the user rather than by an operation. */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  get ndim(): number {
    return this.shape.length;
  }

  numel(): number {
    return this.data.length;
  }

  /** Size of dimension `dim` (negative counts from the end). */
  size(dim: number): number {
    const index = dim < 0 ? dim + this.shape.length : dim;
    if (index < 0 || index >= this.shape.length) {
      throw new RangeError(`size: dim ${dim} is out of range for shape ${formatShape(this.shape)}`);
    }
    return this.shape[index];
  }

  /** Returns the value of a one-element tensor as a number. */
  item(): number {
    if (this.data.length !== 1) {
      throw new RangeError(
        `item(): only a tensor with exactly one element can be converted to a number, ` +
          `but this one has shape ${formatShape(this.shape)} (${this.data.length} elements); ` +
          `reduce it first, e.g. with sum() or mean(), or index one element`,
      );
    }
    return this.data[0];
  }

  /** Returns the values as nested arrays (a number for a scalar). */
  toArray(): NestedArray {
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.shape.length) return this.data[offset];
      const stride = shapeSize(this.shape.slice(dim + 1));
      const out: NestedArray[] = [];
      for (let i = 0; i < this.shape[dim]; i++) out.push(build(dim + 1, offset + i * stride));
      return out;
    };
    return build(0, 0);
  }

  /** Returns a tensor with the same values that is outside the autograd graph. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  /** Copies the values into a new tensor that stays in the autograd graph. */
  clone(): Tensor {
    return elementwise.clone(this);
  }

  /**
   * Copies `src` (broadcast to this shape) into this tensor in place.
   * On a leaf that requires gradients it must run inside `noGrad`, as in PyTorch.
   */
  copy_(src: Tensor | NestedArray): this {
    elementwise.copyInto(this, src);
    return this;
  }

  /** Fills the tensor with `value` in place. */
  fill_(value: number): this {
    elementwise.copyInto(this, value);
    return this;
  }

  /** Sets every element to zero in place. */
  zero_(): this {
    return this.fill_(0);
  }

  add(other: Tensor | number): Tensor {
    return elementwise.add(this, other);
  }

  sub(other: Tensor | number): Tensor {
    return elementwise.sub(this, other);
  }

  mul(other: Tensor | number): Tensor {
    return elementwise.mul(this, other);
  }

  div(other: Tensor | number): Tensor {
    return elementwise.div(this, other);
  }

  neg(): Tensor {
    return elementwise.neg(this);
  }

  exp(): Tensor {
    return elementwise.exp(this);
  }

  log(): Tensor {
    return elementwise.log(this);
  }

  sqrt(): Tensor {
    return elementwise.pow(this, 0.5);
  }

  abs(): Tensor {
    return elementwise.abs(this);
  }

  pow(exponent: number): Tensor {
    return elementwise.pow(this, exponent);
  }

  sigmoid(): Tensor {
    return elementwise.sigmoid(this);
  }

  relu(): Tensor {
    return elementwise.relu(this);
  }

  tanh(): Tensor {
    return elementwise.tanh(this);
  }

  leakyRelu(negativeSlope = 0.01): Tensor {
    return elementwise.leakyRelu(this, negativeSlope);
  }

  /** Element-wise comparison `this == other`, as a float32 tensor of 0 and 1. */
  eq(other: Tensor | number): Tensor {
    return elementwise.eq(this, other);
  }

  matmul(other: Tensor): Tensor {
    return linalg.matmul(this, other);
  }

  /** Transpose of a tensor with at most two dimensions. */
  t(): Tensor {
    return linalg.transpose(this);
  }

  sum(dim?: number | number[], keepdim = false): Tensor {
    return reduce.sum(this, dim, keepdim);
  }

  mean(dim?: number | number[], keepdim = false): Tensor {
    return reduce.mean(this, dim, keepdim);
  }

  /** Index of the largest value along `dim` (the first one on ties), as int32. */
  argmax(dim?: number, keepdim = false): Tensor {
    return reduce.argmax(this, dim, keepdim);
  }

  max(): Tensor {
    return reduce.max(this);
  }

  min(): Tensor {
    return reduce.min(this);
  }

  softmax(dim: number): Tensor {
    return softmaxOps.softmax(this, dim);
  }

  logSoftmax(dim: number): Tensor {
    return softmaxOps.logSoftmax(this, dim);
  }

  /** Returns the same values in a new shape. One size may be -1, and it is inferred. */
  reshape(shape: Shape): Tensor {
    return view.reshape(this, shape);
  }

  /** Alias of `reshape`. */
  view(shape: Shape): Tensor {
    return view.reshape(this, shape);
  }

  flatten(): Tensor {
    return view.reshape(this, [-1]);
  }

  /** Rows `start` … `end - 1` along the first dimension. */
  narrowRows(start: number, end: number): Tensor {
    return view.narrowRows(this, start, end);
  }

  /** Rows at `indices` along the first dimension. */
  indexSelect(indices: Int32Array | readonly number[]): Tensor {
    return view.indexSelect(this, indices);
  }

  /** Casts to float32 (a copy that keeps the autograd graph) or to int32 (truncating). */
  to(dtype: DType): Tensor {
    return elementwise.cast(this, dtype);
  }

  float(): Tensor {
    return this.to('float32');
  }

  /**
   * Computes the gradient of this tensor with respect to every leaf that requires gradients
   * and accumulates it into their `grad`. Without `gradient` the tensor must be a scalar.
   */
  backward(gradient?: Tensor, options: BackwardOptions = {}): void {
    runBackward(this, gradient, options.retainGraph ?? false);
  }

  toString(): string {
    const body = JSON.stringify(this.toArray());
    let grad = '';
    if (this.gradFn) grad = `, gradFn=<${this.gradFn.name}>`;
    else if (this.requiresGrad) grad = ', requiresGrad=true';
    const dtype = this.dtype === 'int32' ? ', dtype=int32' : '';
    return `tensor(${body}${dtype}${grad})`;
  }
}

/**
 * Creates the result of an operation and, when gradients are being recorded and an input
 * requires them, attaches its backward function.
 */
export function makeResult(
  data: TensorData,
  shape: Shape,
  inputs: readonly Tensor[],
  name: string,
  backward: (grad: Float32Array) => (Float32Array | null)[],
): Tensor {
  const out = new Tensor(data, shape);
  if (isGradEnabled() && data instanceof Float32Array && inputs.some((input) => input.requiresGrad)) {
    out.gradFn = { name, inputs, backward };
    out.requiresGrad = true;
  }
  return out;
}

function runBackward(root: Tensor, gradient: Tensor | undefined, retainGraph: boolean): void {
  if (!root.requiresGrad) {
    throw new Error(
      'backward(): this tensor does not require gradients and has no gradFn; ' +
        'set requiresGrad on the inputs (or the model parameters) before computing it',
    );
  }
  let seed: Float32Array;
  if (gradient === undefined) {
    if (root.numel() !== 1) {
      throw new RangeError(
        `backward(): a gradient can be created implicitly only for a scalar output, but this ` +
          `tensor has shape ${formatShape(root.shape)}; reduce it first (e.g. loss.mean() or ` +
          `loss.sum()) or pass a gradient of the same shape`,
      );
    }
    seed = new Float32Array([1]);
  } else {
    if (gradient.numel() !== root.numel()) {
      throw new RangeError(
        `backward(): gradient of shape ${formatShape(gradient.shape)} does not match the ` +
          `output's shape ${formatShape(root.shape)}`,
      );
    }
    seed = Float32Array.from(gradient.data);
  }

  const order = topologicalOrder(root);
  const grads = new Map<Tensor, Float32Array>([[root, seed]]);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    const grad = grads.get(node);
    if (grad === undefined) continue;
    grads.delete(node);

    const gradFn = node.gradFn;
    if (gradFn === null) {
      accumulateLeafGrad(node, grad);
      continue;
    }
    if (gradFn.released) {
      throw new Error(
        `backward(): trying to run backward through ${gradFn.name} a second time, but its saved ` +
          `values were freed after the first backward; pass {retainGraph: true} to the first call`,
      );
    }
    const inputGrads = gradFn.backward(grad);
    if (!retainGraph) gradFn.released = true;
    gradFn.inputs.forEach((input, k) => {
      const inputGrad = inputGrads[k];
      if (!input.requiresGrad || inputGrad === null) return;
      const existing = grads.get(input);
      if (existing === undefined) grads.set(input, inputGrad);
      else for (let j = 0; j < existing.length; j++) existing[j] += inputGrad[j];
    });
  }
}

function accumulateLeafGrad(leaf: Tensor, grad: Float32Array): void {
  if (leaf.grad === null) {
    leaf.grad = new Tensor(Float32Array.from(grad), leaf.shape);
    return;
  }
  const target = leaf.grad.data;
  for (let j = 0; j < target.length; j++) target[j] += grad[j];
}

/** Tensors reachable from `root` through gradFn inputs, each after all of its inputs. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: [Tensor, number][] = [[root, 0]];
  visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const inputs = top[0].gradFn?.inputs ?? [];
    if (top[1] < inputs.length) {
      const input = inputs[top[1]++];
      if (input.requiresGrad && !visited.has(input)) {
        visited.add(input);
        stack.push([input, 0]);
      }
    } else {
      order.push(top[0]);
      stack.pop();
    }
  }
  return order;
}
