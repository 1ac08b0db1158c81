/** Operations that rearrange elements without computing new values. */
import { Tensor, makeResult } from '../tensor';
import { formatShape, shapeSize, type Shape } from '../shape';

/** Returns the same values in `shape`. One entry may be -1, and it is inferred from the others. */
export function reshape(a: Tensor, shape: Shape): Tensor {
  const target = [...shape];
  const unknown = target.indexOf(-1);
  const known = shapeSize(target.filter((_, i) => i !== unknown));
  if (unknown !== -1 && target.lastIndexOf(-1) !== unknown) {
    throw new RangeError(`reshape: only one dimension can be -1, got ${formatShape(shape)}`);
  }
  if (target.some((size, i) => i !== unknown && (!Number.isInteger(size) || size < 0))) {
    throw new RangeError(`reshape: invalid shape ${formatShape(shape)}`);
  }
  if (unknown !== -1 && known > 0 && a.numel() % known === 0) target[unknown] = a.numel() / known;
  if (shapeSize(target) !== a.numel() || target.includes(-1)) {
    throw new RangeError(
      `reshape: shape ${formatShape(shape)} is invalid for a tensor of shape ` +
        `${formatShape(a.shape)} with ${a.numel()} elements`,
    );
  }

  const data = a.dtype === 'int32' ? a.data : a.data.slice();
  if (data instanceof Int32Array) return new Tensor(data.slice(), target);
  return makeResult(data, target, [a], 'reshape', (g) => [g]);
}

/** Rows `start` … `end - 1` along the first dimension, as a copy. */
export function narrowRows(a: Tensor, start: number, end: number): Tensor {
  const rows = a.shape[0] ?? 0;
  if (a.ndim === 0 || start < 0 || end > rows || start > end) {
    throw new RangeError(`narrowRows: rows ${start} to ${end} are out of range for shape ${formatShape(a.shape)}`);
  }
  const rowSize = a.numel() / Math.max(rows, 1);
  return indexSelect(a, Array.from({ length: end - start }, (_, i) => start + i), rowSize);
}

/** Rows at `indices` along the first dimension, as a copy; negative indices count from the end. */
export function indexSelect(a: Tensor, indices: Int32Array | readonly number[], rowSizeHint?: number): Tensor {
  if (a.ndim === 0) throw new RangeError('indexSelect: cannot select rows of a scalar tensor');
  const rows = a.shape[0];
  const rowSize = rowSizeHint ?? (rows === 0 ? 0 : a.numel() / rows);
  const data = a.dtype === 'int32' ? new Int32Array(indices.length * rowSize) : new Float32Array(indices.length * rowSize);
  const resolved = Int32Array.from(indices, (index) => {
    const row = index < 0 ? index + rows : index;
    if (!Number.isInteger(row) || row < 0 || row >= rows) {
      throw new RangeError(`index ${index} is out of range for dimension 0 with size ${rows}`);
    }
    return row;
  });
  resolved.forEach((row, i) => data.set(a.data.subarray(row * rowSize, (row + 1) * rowSize), i * rowSize));
  const shape = [indices.length, ...a.shape.slice(1)];
  if (data instanceof Int32Array) return new Tensor(data, shape);

  return makeResult(data, shape, [a], 'indexSelect', (g) => {
    const ga = new Float32Array(a.numel());
    resolved.forEach((row, i) => {
      for (let k = 0; k < rowSize; k++) ga[row * rowSize + k] += g[i * rowSize + k];
    });
    return [ga];
  });
}
