import { describe, expect, it } from 'vitest';
import { tensor, zeros, ones, randn, manualSeed, noGrad, Tensor } from '../../engine';

describe('tensor creation', () => {
  it('infers int32 from integer data and float32 otherwise', () => {
    expect(tensor([0, 2, 1]).dtype).toBe('int32');
    expect(tensor([0.5, 2]).dtype).toBe('float32');
    expect(tensor([1, 2], { dtype: 'float32' }).dtype).toBe('float32');
    expect(tensor(new Float32Array([1, 2])).dtype).toBe('float32');
  });

  it('reads the shape of nested arrays', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'float32' });
    expect(t.shape).toEqual([2, 3]);
    expect(t.numel()).toBe(6);
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(tensor(3.5).shape).toEqual([]);
  });

  it('rejects ragged arrays naming the index', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(/index \[1\].*expected 2 elements.*found 1/);
  });

  it('rejects non-numbers naming the index', () => {
    expect(() => tensor([[1, 2], [3, 'x' as unknown as number]])).toThrow(/index \[1, 1\].*string "x"/);
  });

  it('fills zeros and ones of a shape', () => {
    expect(zeros([2, 3]).toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(ones([2]).sum().item()).toBe(2);
  });

  it('rejects gradients on int32 tensors', () => {
    expect(() => tensor([1, 2], { requiresGrad: true })).toThrow(/only float32 tensors can require gradients/);
  });
});

describe('autograd', () => {
  it('accumulates the gradient of a tensor used twice', () => {
    const x = tensor([1, 2, 3], { dtype: 'float32', requiresGrad: true });
    x.mul(x).add(x).sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([3, 5, 7]);
  });

  it('accumulates across backward calls until zeroed', () => {
    const x = tensor([1, 2], { dtype: 'float32', requiresGrad: true });
    x.mul(3).sum().backward();
    x.mul(3).sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([6, 6]);
  });

  it('rejects backward on a non-scalar naming the shape', () => {
    const x = tensor([[1, 2]], { dtype: 'float32', requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow(/scalar output.*shape \[1, 2\]/);
  });

  it('rejects a second backward through a freed graph', () => {
    const x = tensor([1, 2], { dtype: 'float32', requiresGrad: true });
    const y = x.exp().sum();
    y.backward();
    expect(() => y.backward()).toThrow(/second time/);
  });

  it('keeps the graph with retainGraph', () => {
    const x = tensor([1, 2], { dtype: 'float32', requiresGrad: true });
    const y = x.mul(2).sum();
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(Array.from(x.grad!.data)).toEqual([4, 4]);
  });

  it('records nothing inside noGrad', () => {
    const x = tensor([1, 2], { dtype: 'float32', requiresGrad: true });
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
  });

  it('detach cuts the graph', () => {
    const x = tensor([1, 2], { dtype: 'float32', requiresGrad: true });
    expect(x.mul(2).detach().requiresGrad).toBe(false);
  });

  it('copy_ on a leaf that requires grad needs noGrad', () => {
    const w = tensor([1, 2], { dtype: 'float32', requiresGrad: true });
    expect(() => w.copy_([3, 4])).toThrow(/noGrad/);
    noGrad(() => w.copy_([3, 4]));
    expect(Array.from(w.data)).toEqual([3, 4]);
  });
});

describe('shape errors', () => {
  it('item() on many elements names the shape', () => {
    expect(() => zeros([2, 3]).item()).toThrow(/shape \[2, 3\] \(6 elements\)/);
  });

  it('reshape infers -1 and rejects a size that does not fit', () => {
    expect(zeros([2, 6]).reshape([-1, 3]).shape).toEqual([4, 3]);
    expect(() => zeros([2, 3]).reshape([4, -1])).toThrow(/\[4, -1\] is invalid for a tensor of shape \[2, 3\]/);
  });

  it('broadcasting failure names both shapes', () => {
    expect(() => zeros([2, 3]).add(zeros([4]))).toThrow(/\[2, 3\] and \[4\] cannot be broadcast/);
  });

  it('matmul mismatch names both shapes', () => {
    expect(() => zeros([2, 3]).matmul(zeros([4, 5]))).toThrow(/matmul: shapes \[2, 3\] and \[4, 5\]/);
  });
});

describe('random numbers', () => {
  it('manualSeed reproduces a stream exactly', () => {
    manualSeed(42);
    const a = randn([100]);
    manualSeed(42);
    const b = randn([100]);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(a).toBeInstanceOf(Tensor);
  });
});
