import { describe, test } from 'vitest';

import type { Tensor } from '../../engine';
import { gradcheck, type CheckInput } from '../helpers/gradcheck';
import { seededUniform, signedValues, uniformValues } from '../helpers/random';

const next = seededUniform(2024);
const count = (shape: number[]): number => shape.reduce((product, dim) => product * dim, 1);

/** Values in [-2, 2). */
const centered = (...shape: number[]): CheckInput => ({ shape, data: uniformValues(next, count(shape), -2, 2) });

/** Values in [0.5, 2.5), inside the domain of log, pow 0.5 and division. */
const positive = (...shape: number[]): CheckInput => ({ shape, data: uniformValues(next, count(shape), 0.5, 2.5) });

/** Values with magnitude in [0.1, 2), so relu and leakyRelu stay at least 0.1 from their kink. */
const awayFromZero = (...shape: number[]): CheckInput => ({ shape, data: signedValues(next, count(shape), 0.1, 2) });

type Case = [name: string, fn: (xs: Tensor[]) => Tensor, inputs: CheckInput[]];

const cases: Case[] = [
  ['add same shape', ([a, b]) => a.add(b), [centered(3, 4), centered(3, 4)]],
  ['add broadcast [3,4]+[4]', ([a, b]) => a.add(b), [centered(3, 4), centered(4)]],
  ['add broadcast [3,1]+[1,4]', ([a, b]) => a.add(b), [centered(3, 1), centered(1, 4)]],
  ['add scalar', ([a]) => a.add(1.5), [centered(3, 4)]],
  ['sub broadcast [4]-[3,4]', ([a, b]) => a.sub(b), [centered(4), centered(3, 4)]],
  ['sub scalar', ([a]) => a.sub(0.5), [centered(3, 4)]],
  ['mul broadcast [3,1]*[1,4]', ([a, b]) => a.mul(b), [centered(3, 1), centered(1, 4)]],
  ['mul broadcast [2,3,4]*[3,1]', ([a, b]) => a.mul(b), [centered(2, 3, 4), centered(3, 1)]],
  ['mul scalar', ([a]) => a.mul(-2), [centered(3, 4)]],
  ['div same shape', ([a, b]) => a.div(b), [centered(3, 4), positive(3, 4)]],
  ['div broadcast [3,4]/[4]', ([a, b]) => a.div(b), [centered(3, 4), positive(4)]],
  ['div scalar', ([a]) => a.div(4), [centered(3, 4)]],
  ['matmul [2,3]x[3,4]', ([a, b]) => a.matmul(b), [centered(2, 3), centered(3, 4)]],
  ['matmul with t()', ([a, b]) => a.matmul(b.t()), [centered(4, 3), centered(5, 3)]],
  ['neg', ([a]) => a.neg(), [centered(3, 4)]],
  ['exp', ([a]) => a.exp(), [centered(3, 4)]],
  ['log', ([a]) => a.log(), [positive(3, 4)]],
  ['pow 2', ([a]) => a.pow(2), [centered(3, 4)]],
  ['pow 3', ([a]) => a.pow(3), [centered(3, 4)]],
  ['pow 0.5', ([a]) => a.pow(0.5), [positive(3, 4)]],
  ['pow -1', ([a]) => a.pow(-1), [positive(3, 4)]],
  ['sum all', ([a]) => a.sum(), [centered(3, 4)]],
  ['sum dim 0', ([a]) => a.sum(0), [centered(3, 4)]],
  ['sum dim 1 keepdim', ([a]) => a.sum(1, true), [centered(3, 4)]],
  ['sum middle dim of [2,3,4]', ([a]) => a.sum(1), [centered(2, 3, 4)]],
  ['mean all', ([a]) => a.mean(), [centered(3, 4)]],
  ['mean dim 0', ([a]) => a.mean(0), [centered(3, 4)]],
  ['mean dim -1 keepdim', ([a]) => a.mean(-1, true), [centered(3, 4)]],
  ['reshape [2,3,4] to [6,4]', ([a]) => a.reshape([6, 4]), [centered(2, 3, 4)]],
  ['t', ([a]) => a.t(), [centered(3, 4)]],
  ['sigmoid', ([a]) => a.sigmoid(), [centered(3, 4)]],
  ['relu away from 0', ([a]) => a.relu(), [awayFromZero(3, 4)]],
  ['tanh', ([a]) => a.tanh(), [centered(3, 4)]],
  ['leakyRelu away from 0', ([a]) => a.leakyRelu(0.1), [awayFromZero(3, 4)]],
  ['softmax dim 1', ([a]) => a.softmax(1), [centered(3, 4)]],
  ['softmax dim 0', ([a]) => a.softmax(0), [centered(3, 4)]],
  ['logSoftmax dim 1', ([a]) => a.logSoftmax(1), [centered(3, 4)]],
  ['logSoftmax dim 0', ([a]) => a.logSoftmax(0), [centered(3, 4)]],
  ['tensor used twice', ([a, b]) => a.mul(a).add(a.mul(b)).add(a.exp()), [centered(3, 4), centered(3, 4)]],
  ['chain matmul add tanh', ([a, b, c]) => a.matmul(b).add(c).tanh().sum(1), [centered(4, 3), centered(3, 5), centered(5)]],
];

describe('op gradients match finite differences', () => {
  test.each(cases)('%s', (_name, fn, inputs) => {
    gradcheck(fn, inputs);
  });
});
