import { describe, expect, it } from 'vitest';
import {
  playgroundDerivative,
  playgroundFunction,
  runOptimizer,
} from '../../engine/playground/optimizer-path';

describe('optimizer playground', () => {
  it('has its minima where the course says', () => {
    expect(playgroundDerivative(-2)).toBeCloseTo(0, 10);
    expect(playgroundDerivative(1.25)).toBeCloseTo(0, 10);
    expect(playgroundFunction(-2)).toBe(-12);
  });

  it('takes the SGD step x - lr * f\'(x)', () => {
    const run = runOptimizer({ optimizer: 'SGD', lr: 0.01, start: 2, steps: 1 });
    expect(run.xs[1]).toBeCloseTo(2 - 0.01 * playgroundDerivative(2), 5);
  });

  it('stalls in the local minimum with a small rate', () => {
    expect(runOptimizer({ optimizer: 'SGD', lr: 0.01, start: 2, steps: 200 }).outcome).toBe('local minimum');
  });

  it('crosses to the global minimum with momentum', () => {
    expect(runOptimizer({ optimizer: 'SGD', lr: 0.02, momentum: 0.9, start: 2, steps: 300 }).outcome).toBe('global minimum');
  });

  it('diverges with a rate too large', () => {
    const run = runOptimizer({ optimizer: 'SGD', lr: 0.5, start: 2, steps: 50 });
    expect(run.outcome).toBe('diverged');
    expect(run.xs.length).toBeLessThan(51);
  });

  it('moves by about lr per step with Adam', () => {
    const run = runOptimizer({ optimizer: 'Adam', lr: 0.1, start: 2, steps: 1 });
    expect(run.xs[1]).toBeCloseTo(1.9, 4);
  });
});
