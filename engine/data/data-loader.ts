import { Tensor } from '../tensor/tensor';
import { Generator, defaultGenerator } from '../tensor/random';
import { TensorDataset } from './tensor-dataset';

export interface DataLoaderOptions {
  /** Samples per batch (default 1). */
  batchSize?: number;
  /** Reshuffle the samples at the start of every pass (default false). */
  shuffle?: boolean;
  /** Drop the last batch when it is smaller than batchSize (default false). */
  dropLast?: boolean;
  /** Seed of the loader's own shuffling stream; without it the default generator is used. */
  seed?: number;
}

/**
 * Iterates over a TensorDataset in batches, like `torch.utils.data.DataLoader`.
 * Each batch is an array with one tensor per dataset tensor, e.g. `[x, y]`.
 */
export class DataLoader implements Iterable<Tensor[]> {
  readonly dataset: TensorDataset;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  private readonly generator: Generator;

  constructor(dataset: TensorDataset, options: DataLoaderOptions = {}) {
    const { batchSize = 1, shuffle = false, dropLast = false, seed } = options;
    if (!(dataset instanceof TensorDataset)) throw new TypeError('DataLoader: dataset must be a TensorDataset');
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`DataLoader: batchSize must be a positive integer, got ${batchSize}`);
    }
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    this.generator = seed === undefined ? defaultGenerator : new Generator(seed);
  }

  /** Number of batches in one pass. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<Tensor[]> {
    const n = this.dataset.length;
    const order = this.shuffle ? this.generator.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
    for (let batch = 0; batch < this.length; batch++) {
      const indices = order.subarray(batch * this.batchSize, Math.min(n, (batch + 1) * this.batchSize));
      yield this.dataset.gather(indices);
    }
  }
}
