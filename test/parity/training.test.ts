import { describe, expect, test } from 'vitest';

import { data, nn } from '../../engine';
import { fixtures } from '../helpers/fixtures';
import { makeModel } from '../helpers/layers';
import { makeOptimizer } from '../helpers/optimizers';
import { expectTensor, fromFixture } from '../helpers/tensors';
import { expectClose } from '../helpers/tolerance';

// Expected values: PyTorch 1.13, float32, batches in order, from test/parity/make_fixtures.py.
describe('training runs match PyTorch', () => {
  test.each(fixtures.training.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const model = makeModel(c.layers, c.initial);
    model.train();
    const optimizer = makeOptimizer(c, model.parameters());
    const lossFn = c.loss === 'CrossEntropyLoss' ? new nn.CrossEntropyLoss() : new nn.MSELoss();
    const dataset = new data.TensorDataset(fromFixture(c.x), fromFixture(c.y));
    const loader = new data.DataLoader(dataset, { batchSize: c.batchSize, shuffle: false });

    const losses: number[] = [];
    for (let epoch = 0; epoch < c.epochs; epoch++) {
      for (const [xb, yb] of loader) {
        optimizer.zeroGrad();
        const loss = lossFn.forward(model.forward(xb), yb);
        loss.backward();
        optimizer.step();
        losses.push(loss.item());
      }
    }

    expect(losses.length, 'batches').toBe(c.losses.length);
    expectClose(losses, c.losses, 'loss of each batch');
    const state = model.stateDict();
    for (const [name, value] of Object.entries(c.final)) {
      expectTensor(state[name], value, `final ${name}`);
    }
  });
});
