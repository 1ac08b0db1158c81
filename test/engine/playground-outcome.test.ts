import { describe, expect, it } from 'vitest';
import { runOptimizer } from '../../engine/playground/optimizer-path';
import { describeOutcome } from '../../src-renderer/src/components/OptimizerPlayground/outcome';

describe('playground outcome', () => {
  it('counts the steps until x arrived, not the whole run', () => {
    const run = runOptimizer({ optimizer: 'SGD', lr: 0.02, momentum: 0.9, start: 2, steps: 300 });
    const steps = Number(/after (\d+) steps/.exec(describeOutcome(run))?.[1]);

    expect(describeOutcome(run)).toMatch(/^Reached the global minimum at x = −2 after \d+ steps\.$/);
    expect(steps).toBeLessThan(300);
    expect(Math.abs(run.xs[steps] + 2)).toBeLessThan(0.05);
    expect(Math.abs(run.xs[steps - 1] + 2)).toBeGreaterThanOrEqual(0.05);
  });
});
