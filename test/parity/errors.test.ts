import { describe, expect, test } from 'vitest';

import { nn, optim, randn, tensor } from '../../engine';

/** Runs `action` and returns the message of the error it throws. */
function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected an error, but the call returned');
}

/** Builds a pattern that matches a shape printed as [2, 3] or as [2,3]. */
function shapePattern(shape: number[]): RegExp {
  return new RegExp(`\\[${shape.join(',\\s*')}\\]`);
}

describe('error messages name the operation and shapes', () => {
  test('matmul [2,3] x [4,5]', () => {
    const message = messageOf(() => randn([2, 3]).matmul(randn([4, 5])));

    expect(message).toMatch(/matmul/i);
    expect(message).toMatch(shapePattern([2, 3]));
    expect(message).toMatch(shapePattern([4, 5]));
  });

  test('Linear(4 to 3) fed [8,5]', () => {
    const linear = new nn.Linear(4, 3);

    const message = messageOf(() => linear.forward(randn([8, 5])));

    expect(message).toMatch(/Linear/);
    expect(message).toMatch(/inFeatures\s*=\s*4|\b4\b/);
    expect(message).toMatch(shapePattern([8, 5]));
  });

  test('CrossEntropyLoss float targets of shape [4]', () => {
    const loss = new nn.CrossEntropyLoss();
    const target = tensor([0, 2, 1, 1], { dtype: 'float32' });

    const message = messageOf(() => loss.forward(randn([4, 3]), target));

    expect(message).toMatch(/CrossEntropyLoss|crossEntropy/);
    expect(message).toMatch(shapePattern([4, 3]));
    expect(message).toMatch(shapePattern([4]));
  });

  test('CrossEntropyLoss float targets of shape [4,2]', () => {
    const loss = new nn.CrossEntropyLoss();

    const message = messageOf(() => loss.forward(randn([4, 3]), randn([4, 2])));

    expect(message).toMatch(/CrossEntropyLoss|crossEntropy/);
    expect(message).toMatch(shapePattern([4, 3]));
    expect(message).toMatch(shapePattern([4, 2]));
  });

  test('backward on non-scalar [2,3]', () => {
    const x = randn([2, 3]);
    x.requiresGrad = true;

    const message = messageOf(() => x.mul(2).backward());

    expect(message).toMatch(/backward/);
    expect(message).toMatch(shapePattern([2, 3]));
  });

  test('item on 6 elements', () => {
    const message = messageOf(() => randn([2, 3]).item());

    expect(message).toMatch(/item/);
    expect(message).toMatch(new RegExp(`${shapePattern([2, 3]).source}|\\b6\\b`));
  });
});

describe('error messages name the bad value', () => {
  test('add broadcast [2,3]+[4]', () => {
    const message = messageOf(() => randn([2, 3]).add(randn([4])));

    expect(message).toMatch(/add/);
    expect(message).toMatch(shapePattern([2, 3]));
    expect(message).toMatch(shapePattern([4]));
  });

  test('CrossEntropyLoss class index 3 of 3', () => {
    const loss = new nn.CrossEntropyLoss();

    const message = messageOf(() => loss.forward(randn([2, 3]), tensor([0, 3])));

    expect(message).toMatch(/CrossEntropyLoss|crossEntropy/);
    expect(message).toMatch(/\b3\b/);
  });

  test('BCELoss input 1.5 outside [0, 1]', () => {
    const loss = new nn.BCELoss();

    const message = messageOf(() => loss.forward(tensor([0.5, 1.5]), tensor([1, 0], { dtype: 'float32' })));

    expect(message).toMatch(/BCELoss/);
    expect(message).toMatch(/1\.5/);
  });

  test('SGD negative learning rate', () => {
    const params = [randn([2])];

    const message = messageOf(() => new optim.SGD(params, { lr: -0.1 }));

    expect(message).toMatch(/SGD/);
    expect(message).toMatch(/-0\.1/);
  });

  test('Adam beta1 of 1', () => {
    const params = [randn([2])];

    const message = messageOf(() => new optim.Adam(params, { betas: [1, 0.999] }));

    expect(message).toMatch(/Adam/);
    expect(message).toMatch(/beta/i);
  });

  test('Dropout p of 1.5', () => {
    const message = messageOf(() => new nn.Dropout(1.5));

    expect(message).toMatch(/Dropout/);
    expect(message).toMatch(/1\.5/);
  });
});
