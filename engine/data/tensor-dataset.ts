import { Tensor } from '../tensor/tensor';
import { formatShape } from '../tensor/shape';

/** A dataset of samples stored as tensors that share their first dimension, like `TensorDataset`. */
export class TensorDataset {
  readonly tensors: readonly Tensor[];

  constructor(...tensors: Tensor[]) {
    if (tensors.length === 0) throw new RangeError('TensorDataset: needs at least one tensor');
    const rows = tensors[0].shape[0];
    tensors.forEach((t, i) => {
      if (!(t instanceof Tensor) || t.ndim === 0 || t.shape[0] !== rows) {
        const shapes = tensors.map((other) => formatShape(other.shape)).join(', ');
        throw new RangeError(
          `TensorDataset: all tensors must have the same size in the first dimension; tensor ${i} ` +
            `differs (shapes ${shapes})`,
        );
      }
    });
    this.tensors = tensors;
  }

  /** Number of samples. */
  get length(): number {
    return this.tensors[0].shape[0];
  }

  /** Sample `index` (negative counts from the end): one row of each tensor. */
  at(index: number): Tensor[] {
    const row = index < 0 ? index + this.length : index;
    if (!Number.isInteger(row) || row < 0 || row >= this.length) {
      throw new RangeError(`TensorDataset: index ${index} is out of range for a dataset of ${this.length} samples`);
    }
    return this.tensors.map((t) => t.indexSelect([row]).reshape(t.shape.slice(1)));
  }

  /** The samples at `indices`, batched: one tensor per stored tensor. */
  gather(indices: Int32Array | readonly number[]): Tensor[] {
    return this.tensors.map((t) => t.indexSelect(indices));
  }
}
