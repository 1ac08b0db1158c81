import { describe, test } from 'vitest';

import { F, type Tensor } from '../../engine';
import { fixtures } from '../helpers/fixtures';
import { OPS, type OpInputs } from '../helpers/op-table';
import { expectTensor, fromFixture } from '../helpers/tensors';

// Expected values: PyTorch 1.13, float32, from test/parity/make_fixtures.py.
describe('tensor ops match PyTorch', () => {
  test.each(fixtures.ops.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const differentiable = c.grads !== undefined;
    const inputs: OpInputs = {};
    for (const [key, value] of Object.entries(c.inputs)) {
      inputs[key] = fromFixture(value, differentiable);
    }

    const out = OPS[c.op](inputs, c.args);
    expectTensor(out, c.out, 'forward');
    if (c.grads === undefined) return;

    const scalar = c.w ? out.mul(fromFixture(c.w)).sum() : out;
    scalar.backward();
    for (const [key, grad] of Object.entries(c.grads)) {
      expectTensor(inputs[key].grad, grad, `grad of ${key}`);
    }
  });
});

describe('functional activations match PyTorch', () => {
  const functional: Record<string, (x: Tensor, dim: number) => Tensor> = {
    relu: (x) => F.relu(x),
    sigmoid: (x) => F.sigmoid(x),
    softmax: (x, dim) => F.softmax(x, dim),
    logSoftmax: (x, dim) => F.logSoftmax(x, dim),
  };
  const cases = fixtures.ops.filter((c) => c.op in functional);

  test.each(cases.map((c) => [`F.${c.name}`, c] as const))('%s', (_name, c) => {
    const x = fromFixture(c.inputs.a, true);

    const out = functional[c.op](x, c.args.dim ?? -1);
    expectTensor(out, c.out, 'forward');

    const scalar = c.w ? out.mul(fromFixture(c.w)).sum() : out;
    scalar.backward();
    if (c.grads !== undefined) expectTensor(x.grad, c.grads.a, 'grad of a');
  });
});

describe('gradient accumulation', () => {
  test('two backward calls add into one leaf', () => {
    const { a, w1, w2, grad } = fixtures.accumulation;
    const leaf = fromFixture(a, true);

    leaf.mul(fromFixture(w1)).sum().backward();
    leaf.exp().mul(fromFixture(w2)).sum().backward();

    expectTensor(leaf.grad, grad, 'accumulated grad');
  });
});

describe('one-hot encoding', () => {
  test('oneHot matches torch.nn.functional.one_hot', () => {
    const { labels, numClasses, out } = fixtures.oneHot;

    const encoded = F.oneHot(fromFixture(labels), numClasses);

    expectTensor(encoded, out, 'oneHot');
  });
});
