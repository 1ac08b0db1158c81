/**
 * The course's optimizer playground: SGD or Adam minimising f(x) = x⁴ + x³ − 5x², computed with
 * the engine's own autograd and optimizers, so each step is the step PyTorch takes.
 * f has its global minimum at x = −2 (f = −12) and a local minimum at x = 1.25.
 */

import { tensor, type Tensor } from '../tensor';
import { Adam, SGD, type Optimizer } from '../optim';

export const GLOBAL_MINIMUM = -2;
export const LOCAL_MINIMUM = 1.25;

/** f(x) = x⁴ + x³ − 5x² for a plain number. */
export function playgroundFunction(x: number): number {
  return x ** 4 + x ** 3 - 5 * x ** 2;
}

/** f′(x) = 4x³ + 3x² − 10x. */
export function playgroundDerivative(x: number): number {
  return 4 * x ** 3 + 3 * x ** 2 - 10 * x;
}

export interface OptimizerRunSettings {
  optimizer: 'SGD' | 'Adam';
  lr: number;
  /** SGD only (default 0). */
  momentum?: number;
  /** Starting point x₀. */
  start: number;
  steps: number;
}

/** End state of a run: near one of the minima, far away (diverged), or still on its way. */
export type RunOutcome = 'global minimum' | 'local minimum' | 'diverged' | 'still moving';

export interface OptimizerRun {
  /** x after each step; xs[0] is the start. */
  xs: number[];
  /** f(x) at each x. */
  losses: number[];
  outcome: RunOutcome;
}

/** Distance from a minimum within which a run counts as having reached it. */
const REACHED = 0.05;
/** |x| beyond which a run counts as diverged. */
const DIVERGED = 1e3;

/**
 * Runs `settings.steps` optimizer steps from `start` and returns the path and where it ended.
 * Stops early once x leaves [−1000, 1000] or stops being a finite number.
 */
export function runOptimizer(settings: OptimizerRunSettings): OptimizerRun {
  const x: Tensor = tensor([settings.start], { dtype: 'float32', requiresGrad: true });
  const optimizer: Optimizer =
    settings.optimizer === 'Adam'
      ? new Adam([x], { lr: settings.lr })
      : new SGD([x], { lr: settings.lr, momentum: settings.momentum ?? 0 });

  const xs = [x.item()];
  const losses = [playgroundFunction(x.item())];
  for (let step = 0; step < settings.steps; step++) {
    optimizer.zeroGrad();
    const loss = x.pow(4).add(x.pow(3)).sub(x.pow(2).mul(5)).sum();
    loss.backward();
    optimizer.step();

    const value = x.item();
    xs.push(value);
    losses.push(playgroundFunction(value));
    if (!Number.isFinite(value) || Math.abs(value) > DIVERGED) break;
  }
  return { xs, losses, outcome: outcomeOf(xs) };
}

function outcomeOf(xs: number[]): RunOutcome {
  const last = xs[xs.length - 1];
  if (!Number.isFinite(last) || Math.abs(last) > DIVERGED) return 'diverged';
  const settled = xs.length < 2 || Math.abs(last - xs[xs.length - 2]) < 1e-3;
  if (settled && Math.abs(last - GLOBAL_MINIMUM) < REACHED) return 'global minimum';
  if (settled && Math.abs(last - LOCAL_MINIMUM) < REACHED) return 'local minimum';
  return 'still moving';
}
