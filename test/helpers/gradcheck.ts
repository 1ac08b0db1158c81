import { expect } from 'vitest';

import { noGrad, tensor, type Tensor } from '../../engine';
import { seededUniform, uniformValues } from './random';
import { nest, valuesOf } from './tensors';
import { mismatches, type Tolerance } from './tolerance';

/** One input of a gradient check; `grad: false` marks targets and other constants. */
export interface CheckInput {
  shape: number[];
  data: number[];
  dtype?: 'float32' | 'int32';
  grad?: boolean;
}

export interface GradcheckOptions {
  eps: number;
  tolerance: Tolerance;
}

/**
 * Float32 forward passes round each output to about 6e-8 relative, so a central difference
 * with step 1e-3 carries an error near 1e-4 for outputs of order 1. The truncation error,
 * eps^2 / 6 times the third derivative, is smaller than that for the inputs these tests use.
 */
export const GRADCHECK_DEFAULTS: GradcheckOptions = {
  eps: 1e-3,
  tolerance: { rtol: 1e-2, atol: 1e-3 },
};

function build(input: CheckInput, data: number[], requiresGrad: boolean): Tensor {
  const nested = nest(data, input.shape);
  if (typeof nested === 'number') {
    throw new RangeError('gradcheck: inputs need at least one dimension');
  }
  return tensor(nested, { dtype: input.dtype ?? 'float32', requiresGrad });
}

/** Creates a constant engine tensor holding a check input's values. */
export function fromCheckInput(input: CheckInput): Tensor {
  return build(input, input.data, false);
}

/** Evaluates `sum(out * w)` in float64 from a float32 forward pass without recording a graph. */
function weightedSum(forward: () => Tensor, w: number[]): number {
  const out = noGrad(forward);
  return valuesOf(out).reduce((sum, v, k) => sum + v * w[k], 0);
}

/** Backpropagates `sum(out * w)` with a fixed random `w` of out's shape, and returns `w`. */
function backwardWeighted(out: Tensor): number[] {
  const w = uniformValues(seededUniform(99), out.numel(), -1.5, 1.5).map(Math.fround);

  if (out.shape.length === 0) {
    out.mul(w[0]).backward();
  } else {
    out.mul(build({ shape: [...out.shape], data: w }, w, false)).sum().backward();
  }
  return w;
}

/**
 * Central difference of `sum(forward() * w)` for each element of `data`, where `evaluate`
 * runs the forward pass with one element moved. The step is taken between the float32
 * values the engine receives.
 */
function centralDifferences(data: number[], eps: number, evaluate: (moved: number[]) => number): number[] {
  return data.map((x, j) => {
    const plus = [...data];
    const minus = [...data];
    plus[j] = Math.fround(x + eps);
    minus[j] = Math.fround(x - eps);
    return (evaluate(plus) - evaluate(minus)) / (plus[j] - minus[j]);
  });
}

function expectGrad(grad: Tensor | null, numeric: number[], label: string, tolerance: Tolerance): void {
  expect(grad, label).not.toBeNull();
  const analytic = grad === null ? [] : valuesOf(grad);
  expect(mismatches(analytic, numeric, tolerance), label).toEqual([]);
}

/**
 * Compares the engine's backward of `sum(fn(inputs) * w)`, with a fixed random `w`, against
 * central finite differences of the engine's own forward pass, for every input marked for grad.
 */
export function gradcheck(
  fn: (xs: Tensor[]) => Tensor,
  inputs: CheckInput[],
  options: GradcheckOptions = GRADCHECK_DEFAULTS,
): void {
  const leaves = inputs.map((input) => build(input, input.data, input.grad !== false));
  const w = backwardWeighted(fn(leaves));

  inputs.forEach((input, i) => {
    if (input.grad === false) return;

    const numeric = centralDifferences(input.data, options.eps, (moved) => {
      const forward = (): Tensor => fn(inputs.map((x, k) => build(x, k === i ? moved : x.data, false)));
      return weightedSum(forward, w);
    });
    expectGrad(leaves[i].grad, numeric, `grad of input ${i}`, options.tolerance);
  });
}

/**
 * Compares the gradients that `forward` leaves in `params` (module parameters it reads)
 * against central finite differences, moving each parameter in place with `copy_`.
 */
export function gradcheckParameters(
  forward: () => Tensor,
  params: [name: string, param: Tensor][],
  options: GradcheckOptions = GRADCHECK_DEFAULTS,
): void {
  const w = backwardWeighted(forward());

  for (const [name, param] of params) {
    const original = valuesOf(param);
    const assign = (data: number[]): void => {
      const source = build({ shape: [...param.shape], data }, data, false);
      noGrad(() => param.copy_(source));
    };

    const numeric = centralDifferences(original, options.eps, (moved) => {
      assign(moved);
      return weightedSum(forward, w);
    });
    assign(original);
    expectGrad(param.grad, numeric, `grad of ${name}`, options.tolerance);
  }
}
