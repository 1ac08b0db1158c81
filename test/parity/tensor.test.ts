import { describe, expect, test } from 'vitest';

import { nn, noGrad, optim, tensor } from '../../engine';
import { valuesOf } from '../helpers/tensors';

// Expected behaviour follows PyTorch 1.13, with int32 in place of torch's int64 labels.
describe('tensor creation', () => {
  test('integer arrays give int32', () => {
    expect(tensor([1, 2, 3]).dtype).toBe('int32');
  });

  test('fractional arrays give float32', () => {
    expect(tensor([1.5, 2]).dtype).toBe('float32');
  });

  test('dtype float32 overrides integer data', () => {
    expect(tensor([1, 2], { dtype: 'float32' }).dtype).toBe('float32');
  });

  test('shape device numel and item', () => {
    const t = tensor([[[1, 2, 3, 4]], [[5, 6, 7, 8]]], { dtype: 'float32' });

    expect([...t.shape]).toEqual([2, 1, 4]);
    expect(t.device).toBe('cpu');
    expect(t.numel()).toBe(8);
    expect(tensor([[3.5]]).item()).toBe(3.5);
  });

  test('Float32Array with reshape', () => {
    const t = tensor(new Float32Array([1, 2, 3, 4, 5, 6])).reshape([2, 3]);

    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(t.dtype).toBe('float32');
  });

  test('Int32Array stays int32', () => {
    expect(tensor(new Int32Array([0, 2, 1])).dtype).toBe('int32');
  });
});

describe('autograd bookkeeping', () => {
  test('noGrad records no graph', () => {
    const x = tensor([1, 2, 3], { dtype: 'float32', requiresGrad: true });

    const y = noGrad(() => x.mul(2));

    expect(y.requiresGrad).toBe(false);
  });

  test('detach shares values without grad', () => {
    const x = tensor([1, 2, 3], { dtype: 'float32', requiresGrad: true });

    const y = x.detach();

    expect(y.requiresGrad).toBe(false);
    expect(valuesOf(y)).toEqual([1, 2, 3]);
  });

  test('copy_ writes values in place', () => {
    const x = tensor([1, 2, 3], { dtype: 'float32' });

    const result = x.copy_(tensor([4, 5, 6], { dtype: 'float32' }));

    expect(result).toBe(x);
    expect(valuesOf(x)).toEqual([4, 5, 6]);
  });

  test('zeroGrad clears module and optimizer grads', () => {
    const model = new nn.Linear(3, 2);
    const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });
    model.forward(tensor([[1, 2, 3]], { dtype: 'float32' })).sum().backward();

    // PyTorch 1.13 fills grads with zeros by default, and null (set_to_none) is also accepted.
    const cleared = (): boolean =>
      model.parameters().every((p) => p.grad === null || valuesOf(p.grad).every((v) => v === 0));
    expect(cleared()).toBe(false);
    model.zeroGrad();
    expect(cleared()).toBe(true);

    model.forward(tensor([[1, 2, 3]], { dtype: 'float32' })).sum().backward();
    optimizer.zeroGrad();
    expect(cleared()).toBe(true);
  });
});
