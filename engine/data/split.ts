import { Generator } from '../tensor/random';

export interface RowSplit {
  train: Int32Array;
  val: Int32Array;
}

/**
 * Splits row indices into training and validation sets at random, like PyTorch's
 * `random_split`: both sets keep the shuffled order. The same seed gives the same split.
 * The validation set gets round(rows * validationSplit) rows, but at most all rows but one.
 */
export function splitRows(rows: Int32Array, validationSplit: number, seed: number): RowSplit {
  const order = new Generator(seed).permutation(rows.length);
  const shuffled = Int32Array.from(order, (i) => rows[i]);

  const valCount = Math.min(Math.round(rows.length * validationSplit), rows.length - 1);
  const trainCount = rows.length - Math.max(valCount, 0);
  return { train: shuffled.subarray(0, trainCount), val: shuffled.subarray(trainCount) };
}
