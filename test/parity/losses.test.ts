import { describe, test } from 'vitest';

import { F, nn, type Tensor } from '../../engine';
import { fixtures, type LossCase } from '../helpers/fixtures';
import { expectTensor, fromFixture } from '../helpers/tensors';

function lossModule(c: LossCase): (input: Tensor, target: Tensor) => Tensor {
  const options = { reduction: c.reduction };
  const loss = {
    MSELoss: () => new nn.MSELoss(options),
    CrossEntropyLoss: () => new nn.CrossEntropyLoss(options),
    BCELoss: () => new nn.BCELoss(options),
    BCEWithLogitsLoss: () => new nn.BCEWithLogitsLoss(options),
  }[c.loss]();
  return (input, target) => loss.forward(input, target);
}

function lossFunction(c: LossCase): ((input: Tensor, target: Tensor) => Tensor) | null {
  const options = { reduction: c.reduction };
  if (c.loss === 'MSELoss') return (input, target) => F.mseLoss(input, target, options);
  if (c.loss === 'CrossEntropyLoss') return (input, target) => F.crossEntropy(input, target, options);
  return null;
}

function checkLoss(c: LossCase, compute: (input: Tensor, target: Tensor) => Tensor): void {
  const input = fromFixture(c.input, true);

  const out = compute(input, fromFixture(c.target));
  expectTensor(out, c.out, 'forward');

  const scalar = c.w ? out.mul(fromFixture(c.w)).sum() : out;
  scalar.backward();
  expectTensor(input.grad, c.inputGrad, 'grad of input');
}

// Expected values: PyTorch 1.13, float32, from test/parity/make_fixtures.py.
describe('loss modules match PyTorch', () => {
  test.each(fixtures.losses.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    checkLoss(c, lossModule(c));
  });
});

describe('functional losses match PyTorch', () => {
  const functional = fixtures.losses.filter((c) => lossFunction(c) !== null);

  test.each(functional.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const compute = lossFunction(c);
    if (compute !== null) checkLoss(c, compute);
  });
});

describe('BCELoss saturation', () => {
  test('probabilities 0 and 1 give loss 100, not Infinity', () => {
    const { input, target, out } = fixtures.bceSaturated;
    const loss = new nn.BCELoss({ reduction: 'none' });

    const got = loss.forward(fromFixture(input), fromFixture(target));

    expectTensor(got, out, 'BCELoss none');
  });
});
