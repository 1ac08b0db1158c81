import { describe, expect, it } from 'vitest';
import { tensor, nn, optim, data, noGrad, zeros, manualSeed } from '../../engine';

function tinyModel(): nn.Sequential {
  return new nn.Sequential(new nn.Linear(4, 3), new nn.ReLU(), new nn.Linear(3, 2));
}

describe('Sequential', () => {
  it('exposes layers by index and names parameters like PyTorch', () => {
    const model = tinyModel();
    expect(model[0]).toBeInstanceOf(nn.Linear);
    expect(model[2].bias?.shape).toEqual([2]);
    expect(model.namedParameters().map(([name]) => name)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(model.length).toBe(3);
  });

  it('switches train and eval mode on every layer', () => {
    const model = new nn.Sequential(new nn.Linear(2, 2), new nn.Dropout(0.5));
    model.eval();
    expect(model[1].training).toBe(false);
    model.train();
    expect(model[1].training).toBe(true);
  });

  it('round-trips a state dict', () => {
    const source = tinyModel();
    const target = tinyModel();
    target.loadStateDict(source.stateDict());
    expect(Array.from(target[0].weight!.data)).toEqual(Array.from(source[0].weight!.data));
  });

  it('rejects a state dict with missing keys and wrong shapes', () => {
    const model = tinyModel();
    const state = model.stateDict();
    delete state['2.bias'];
    expect(() => model.loadStateDict(state)).toThrow(/missing keys: 2.bias/);
    const wrong = { ...tinyModel().stateDict(), '0.weight': zeros([3, 5]) };
    expect(() => model.loadStateDict(wrong)).toThrow(/size mismatch for 0.weight.*\[3, 5\].*\[3, 4\]/);
  });
});

describe('Linear', () => {
  it('initialises within ±1/sqrt(inFeatures)', () => {
    manualSeed(0);
    const layer = new nn.Linear(100, 50);
    const bound = 1 / Math.sqrt(100);
    expect(Math.max(...layer.weight.data.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...layer.bias!.data.map(Math.abs))).toBeLessThanOrEqual(bound);
  });

  it('names the layer and both sizes when fed the wrong width', () => {
    const layer = new nn.Linear(4, 3);
    expect(() => layer.forward(zeros([8, 5]))).toThrow(/Linear\(inFeatures=4, outFeatures=3.*\[8, 5\].*needs 4 features but has 5/);
  });

  it('rejects a non-integer size', () => {
    expect(() => new nn.Linear(2.5, 3)).toThrow(/inFeatures must be a positive integer, got 2.5/);
  });
});

describe('freezing', () => {
  it('leaves frozen parameters untouched by SGD', () => {
    const model = tinyModel();
    model[0].weight!.requiresGrad = false;
    const frozen = Array.from(model[0].weight!.data);
    const before = Array.from(model[2].weight!.data);
    const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9, weightDecay: 0.1 });
    const x = tensor([[1, 2, 3, 4]], { dtype: 'float32' });
    model.forward(x).sum().backward();
    opt.step();
    expect(model[0].weight!.grad).toBeNull();
    expect(Array.from(model[0].weight!.data)).toEqual(frozen);
    expect(Array.from(model[2].weight!.data)).not.toEqual(before);
  });
});

describe('optimizer settings', () => {
  it('quotes the bad value', () => {
    const params = tinyModel().parameters();
    expect(() => new optim.SGD(params, { lr: -1 })).toThrow(/invalid learning rate \(lr\): -1/);
    expect(() => new optim.SGD(params, { lr: 0.1, nesterov: true })).toThrow(/Nesterov/);
    expect(() => new optim.Adam(params, { betas: [1.2, 0.999] })).toThrow(/beta parameter at index 0: 1.2/);
    expect(() => new optim.SGD([], { lr: 0.1 })).toThrow(/empty parameter list/);
  });
});

describe('data', () => {
  const x = tensor([[0], [1], [2], [3], [4]], { dtype: 'float32' });
  const y = tensor([0, 1, 0, 1, 0]);
  const dataset = new data.TensorDataset(x, y);

  it('indexes samples, negative from the end', () => {
    const [features, label] = dataset.at(-1);
    expect(features.toArray()).toEqual([4]);
    expect(label.item()).toBe(0);
    expect(dataset.length).toBe(5);
  });

  it('counts batches with and without dropLast', () => {
    expect(new data.DataLoader(dataset, { batchSize: 2 }).length).toBe(3);
    expect(new data.DataLoader(dataset, { batchSize: 2, dropLast: true }).length).toBe(2);
    const sizes = [...new data.DataLoader(dataset, { batchSize: 2 })].map(([batch]) => batch.shape[0]);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('shuffles into a permutation that one seed reproduces', () => {
    const order = (seed: number): number[] =>
      [...new data.DataLoader(dataset, { batchSize: 5, shuffle: true, seed })].flatMap(([batch]) => Array.from(batch.data));
    expect([...order(7)].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(order(7)).toEqual(order(7));
  });

  it('rejects tensors of different lengths', () => {
    expect(() => new data.TensorDataset(x, tensor([1, 2]))).toThrow(/same size in the first dimension.*\[5, 1\], \[2\]/);
  });
});

describe('noGrad evaluation', () => {
  it('produces no graph for a whole model', () => {
    const out = noGrad(() => tinyModel().forward(zeros([2, 4])));
    expect(out.requiresGrad).toBe(false);
  });
});
