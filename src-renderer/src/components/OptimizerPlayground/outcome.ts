/** The playground's outcome of a run, in words for the class. */

import type { OptimizerRun } from '../../../../engine/playground/optimizer-path';

/** Distance from a minimum within which x counts as having arrived, for the step count. */
const ARRIVED = 0.05;

/** Returns the first step from which x stays within `ARRIVED` of `target` to the end of the run. */
function arrivalStep(xs: readonly number[], target: number): number {
  let step = xs.length - 1;
  while (step > 0 && Math.abs(xs[step - 1] - target) < ARRIVED) step -= 1;
  return step;
}

/** Describes where a finished run ended. */
export function describeOutcome(run: OptimizerRun): string {
  const steps = run.xs.length - 1;
  switch (run.outcome) {
    case 'global minimum':
      return `Reached the global minimum at x = −2 after ${arrivalStep(run.xs, -2)} steps.`;
    case 'local minimum':
      return `Stalled in the local minimum at x = 1.25 after ${arrivalStep(run.xs, 1.25)} steps.`;
    case 'diverged':
      return `Diverged: x shot past ±1000 after ${steps} steps. The rate is too large.`;
    case 'still moving':
      return `Still moving after ${steps} steps: more steps or a larger rate.`;
  }
}

/** Formats x for display: three decimals, or scientific notation once it is huge. */
export function formatX(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1000 ? x.toExponential(2) : x.toFixed(3);
}
