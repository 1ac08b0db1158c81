import { describe, expect, test } from 'vitest';

import { data, tensor, type Tensor } from '../../engine';
import { valuesOf } from '../helpers/tensors';

/** Builds a dataset whose features and labels contain the sample index, so order is visible. */
function indexDataset(size: number): data.TensorDataset {
  const features = tensor(Array.from({ length: size }, (_, i) => [i, 2 * i]), { dtype: 'float32' });
  const labels = tensor(Array.from({ length: size }, (_, i) => i));
  return new data.TensorDataset(features, labels);
}

function epochOrder(loader: data.DataLoader): { order: number[]; sizes: number[] } {
  const order: number[] = [];
  const sizes: number[] = [];
  for (const [xb, yb] of loader) {
    const features = valuesOf(xb);
    const labels = valuesOf(yb);
    expect(features.filter((_, i) => i % 2 === 0), 'features match labels').toEqual(labels);
    order.push(...labels);
    sizes.push(xb.shape[0]);
  }
  return { order, sizes };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('TensorDataset', () => {
  test('length and at with negative index', () => {
    const dataset = indexDataset(5);

    const [x0, y0]: Tensor[] = dataset.at(0);
    const [xLast, yLast]: Tensor[] = dataset.at(-1);

    expect(dataset.length).toBe(5);
    expect(valuesOf(x0)).toEqual([0, 0]);
    expect(y0.item()).toBe(0);
    expect(valuesOf(xLast)).toEqual([4, 8]);
    expect(yLast.item()).toBe(4);
  });
});

describe('DataLoader', () => {
  test('without shuffle keeps order and last partial batch', () => {
    const loader = new data.DataLoader(indexDataset(23), { batchSize: 5, shuffle: false });

    const { order, sizes } = epochOrder(loader);

    expect(loader.length).toBe(5);
    expect(sizes).toEqual([5, 5, 5, 5, 3]);
    expect(order).toEqual(range(23));
  });

  test('dropLast drops the partial batch', () => {
    const loader = new data.DataLoader(indexDataset(23), { batchSize: 5, shuffle: false, dropLast: true });

    const { order, sizes } = epochOrder(loader);

    expect(loader.length).toBe(4);
    expect(sizes).toEqual([5, 5, 5, 5]);
    expect(order).toEqual(range(20));
  });

  test('shuffle yields a permutation', () => {
    const loader = new data.DataLoader(indexDataset(100), { batchSize: 16, shuffle: true, seed: 3 });

    const { order } = epochOrder(loader);

    expect([...order].sort((a, b) => a - b)).toEqual(range(100));
    expect(order).not.toEqual(range(100));
  });

  test('shuffle reshuffles each epoch', () => {
    const loader = new data.DataLoader(indexDataset(100), { batchSize: 16, shuffle: true, seed: 3 });

    const first = epochOrder(loader).order;
    const second = epochOrder(loader).order;

    expect(second).not.toEqual(first);
  });

  test('same seed gives same order', () => {
    const options = { batchSize: 16, shuffle: true, seed: 11 };
    const a = new data.DataLoader(indexDataset(100), options);
    const b = new data.DataLoader(indexDataset(100), options);

    expect(epochOrder(a).order).toEqual(epochOrder(b).order);
  });
});
