import { describe, test } from 'vitest';

import { F, nn, type Tensor } from '../../engine';
import { fromCheckInput, gradcheck, gradcheckParameters, type CheckInput } from '../helpers/gradcheck';
import { seededUniform, uniformValues } from '../helpers/random';

const next = seededUniform(77);
const count = (shape: number[]): number => shape.reduce((product, dim) => product * dim, 1);
const values = (low: number, high: number, ...shape: number[]): CheckInput => ({
  shape,
  data: uniformValues(next, count(shape), low, high),
});

/** Constant input such as a target, excluded from the check. */
const constant = (input: CheckInput, dtype: 'float32' | 'int32' = 'float32'): CheckInput => ({
  ...input,
  dtype,
  grad: false,
});

/** Class indices in [0, numClasses). */
const labels = (size: number, numClasses: number): CheckInput => ({
  shape: [size],
  data: uniformValues(next, size, 0, numClasses).map(Math.floor),
  dtype: 'int32',
  grad: false,
});

/** Probability rows that sum to 1, from a softmax of random logits. */
function probabilities(rows: number, columns: number): CheckInput {
  const data: number[] = [];
  for (let r = 0; r < rows; r++) {
    const e = uniformValues(next, columns, -2, 2).map(Math.exp);
    const total = e.reduce((sum, v) => sum + v, 0);
    data.push(...e.map((v) => v / total));
  }
  return { shape: [rows, columns], data, grad: false };
}

type Case = [name: string, fn: (xs: Tensor[]) => Tensor, inputs: CheckInput[]];

const reductions = ['mean', 'sum', 'none'] as const;

const lossCases: Case[] = reductions.flatMap((reduction): Case[] => [
  [
    `MSELoss ${reduction}`,
    ([x, y]) => new nn.MSELoss({ reduction }).forward(x, y),
    [values(-2, 2, 4, 3), constant(values(-2, 2, 4, 3))],
  ],
  [
    `CrossEntropyLoss class indices ${reduction}`,
    ([x, y]) => new nn.CrossEntropyLoss({ reduction }).forward(x, y),
    [values(-3, 3, 5, 4), labels(5, 4)],
  ],
  [
    `CrossEntropyLoss probabilities ${reduction}`,
    ([x, y]) => new nn.CrossEntropyLoss({ reduction }).forward(x, y),
    [values(-3, 3, 5, 4), probabilities(5, 4)],
  ],
  [
    `BCELoss ${reduction}`,
    ([x, y]) => new nn.BCELoss({ reduction }).forward(x, y),
    [values(0.1, 0.9, 6), constant(values(0, 1, 6))],
  ],
  [
    `BCEWithLogitsLoss ${reduction}`,
    ([x, y]) => new nn.BCEWithLogitsLoss({ reduction }).forward(x, y),
    [values(-4, 4, 6), constant(values(0, 1, 6))],
  ],
  [
    `F.crossEntropy ${reduction}`,
    ([x, y]) => F.crossEntropy(x, y, { reduction }),
    [values(-3, 3, 5, 4), labels(5, 4)],
  ],
  [
    `F.mseLoss ${reduction}`,
    ([x, y]) => F.mseLoss(x, y, { reduction }),
    [values(-2, 2, 4, 3), constant(values(-2, 2, 4, 3))],
  ],
]);

describe('loss gradients match finite differences', () => {
  test.each(lossCases)('%s', (_name, fn, inputs) => {
    gradcheck(fn, inputs);
  });
});

describe('module gradients match finite differences', () => {
  test('Linear input weight and bias', () => {
    const linear = new nn.Linear(5, 3);
    const x = values(-2, 2, 4, 5);

    gradcheck(([input]) => linear.forward(input), [x]);
    linear.zeroGrad();
    gradcheckParameters(() => linear.forward(fromCheckInput(x)), linear.namedParameters());
  });

  test('Sequential input and parameters', () => {
    const model = new nn.Sequential(
      new nn.Linear(5, 6),
      new nn.Tanh(),
      new nn.Linear(6, 4),
      new nn.Sigmoid(),
      new nn.Linear(4, 4),
      new nn.LeakyReLU(0.1),
      new nn.Linear(4, 3),
      new nn.Softmax(1),
    );
    const x = values(-2, 2, 4, 5);

    gradcheck(([input]) => model.forward(input), [x]);
    model.zeroGrad();
    gradcheckParameters(() => model.forward(fromCheckInput(x)), model.namedParameters());
  });
});
