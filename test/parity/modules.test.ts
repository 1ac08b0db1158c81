import { describe, expect, test } from 'vitest';

import { fixtures } from '../helpers/fixtures';
import { makeModel } from '../helpers/layers';
import { expectTensor, fromFixture } from '../helpers/tensors';

// Expected values: PyTorch 1.13, float32, from test/parity/make_fixtures.py.
describe('modules match PyTorch', () => {
  test.each(fixtures.models.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const model = makeModel(c.layers, c.stateDict);
    if (c.mode === 'eval') model.eval();
    else model.train();
    const x = fromFixture(c.input, true);

    const out = model.forward(x);
    expectTensor(out, c.out, 'forward');

    out.mul(fromFixture(c.w)).sum().backward();
    expectTensor(x.grad, c.inputGrad, 'grad of input');

    const names = model.namedParameters().map(([name]) => name);
    expect(names).toEqual(Object.keys(c.paramGrads));
    for (const [name, param] of model.namedParameters()) {
      expectTensor(param.grad, c.paramGrads[name], `grad of ${name}`);
    }
  });
});

describe('stateDict', () => {
  test('stateDict returns the loaded values', () => {
    const c = fixtures.models[2];
    const model = makeModel(c.layers, c.stateDict);

    const state = model.stateDict();

    expect(Object.keys(state)).toEqual(Object.keys(c.stateDict));
    for (const [name, value] of Object.entries(c.stateDict)) {
      expectTensor(state[name], value, name);
    }
  });
});
