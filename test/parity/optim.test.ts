import { describe, expect, test } from 'vitest';

import type { Tensor } from '../../engine';
import { fixtures, type TensorMap } from '../helpers/fixtures';
import { makeOptimizer } from '../helpers/optimizers';
import { expectTensor, fromFixture, valuesOf } from '../helpers/tensors';
import { expectClose } from '../helpers/tolerance';

/** tanh(x @ weight.t() + bias) weighted by c, plus 0.1 * sum(weight^2), as in cases_optim.py. */
function objective(weight: Tensor, bias: Tensor, data: TensorMap): Tensor {
  const out = fromFixture(data.x).matmul(weight.t()).add(bias).tanh();
  return out.mul(fromFixture(data.c)).sum().add(weight.pow(2).sum().mul(0.1));
}

// Expected values: PyTorch 1.13, float32, five steps each, from test/parity/make_fixtures.py.
describe('optimizer steps match PyTorch', () => {
  test.each(fixtures.optimizers.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const weight = fromFixture(c.initial.weight, true);
    const bias = fromFixture(c.initial.bias, true);
    const frozen = fromFixture(c.initial.frozen, false);
    const unused = fromFixture(c.initial.unused, true);
    const optimizer = makeOptimizer(c, [weight, bias, frozen, unused]);

    const losses: number[] = [];
    c.history.forEach((expected, step) => {
      optimizer.zeroGrad();
      const loss = objective(weight, bias, c.data);
      loss.backward();
      optimizer.step();
      losses.push(loss.item());

      expectTensor(weight, expected.weight, `weight after step ${step + 1}`);
      expectTensor(bias, expected.bias, `bias after step ${step + 1}`);
    });

    expectClose(losses, c.losses, 'loss before each step');
    // PyTorch skips parameters without a gradient, so neither moves, even with weightDecay.
    expect(valuesOf(frozen), 'frozen parameter').toEqual(c.initial.frozen.data.map(Math.fround));
    expect(valuesOf(unused), 'parameter without grad').toEqual(c.initial.unused.data.map(Math.fround));
  });
});
