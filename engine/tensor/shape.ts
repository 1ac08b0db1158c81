/** Shape helpers shared by the tensor ops. A shape is an array of non-negative integer sizes. */

export type Shape = readonly number[];

/** Formats a shape the way error messages print it: `[32, 4]`. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Number of elements of a tensor of this shape (1 for a scalar of shape `[]`). */
export function shapeSize(shape: Shape): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/** Row-major strides of a contiguous tensor. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}

/**
 * Resolves a possibly negative `dim` against a tensor of `rank` dimensions.
 * @throws RangeError naming the operation when `dim` is out of range.
 */
export function normalizeDim(dim: number, rank: number, op: string): number {
  const low = rank === 0 ? -1 : -rank;
  const high = rank === 0 ? 0 : rank - 1;
  if (!Number.isInteger(dim) || dim < low || dim > high) {
    throw new RangeError(
      `${op}: dim ${dim} is out of range for a tensor with ${rank} dimension(s); ` +
        `expected a value in [${low}, ${high}]`,
    );
  }
  return dim < 0 ? dim + Math.max(rank, 1) : dim;
}

/**
 * Computes the shape two tensors broadcast to, following NumPy and PyTorch:
 * sizes are aligned from the right and each pair must be equal or contain a 1.
 */
export function broadcastShapes(a: Shape, b: Shape, op: string): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together: ` +
          `size ${da} does not match size ${db} at dimension ${i} (counting aligned from the right)`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * For each element of a tensor of `outShape`, the offset of the element of a tensor of
 * `inShape` that broadcasting maps onto it.
 */
export function broadcastOffsets(inShape: Shape, outShape: Shape): Int32Array {
  const size = shapeSize(outShape);
  const offsets = new Int32Array(size);
  const rank = outShape.length;
  const inStrides = stridesOf(inShape);
  const strides = new Array<number>(rank).fill(0);
  for (let i = 0; i < inShape.length; i++) {
    const outDim = rank - inShape.length + i;
    strides[outDim] = inShape[i] === 1 ? 0 : inStrides[i];
  }

  const index = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let flat = 0; flat < size; flat++) {
    offsets[flat] = offset;
    for (let d = rank - 1; d >= 0; d--) {
      index[d]++;
      offset += strides[d];
      if (index[d] < outShape[d]) break;
      offset -= strides[d] * index[d];
      index[d] = 0;
    }
  }
  return offsets;
}

/** Checks that `shape` contains only non-negative integers and returns a copy. */
export function checkShape(shape: Shape, op: string): number[] {
  if (!Array.isArray(shape) || shape.some((dim) => !Number.isInteger(dim) || dim < 0)) {
    throw new TypeError(`${op}: shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  return [...shape];
}
