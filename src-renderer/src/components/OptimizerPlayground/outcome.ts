/** The playground's outcome of a run, in words for the class. */

import type { OptimizerRun } from '../../../../engine/playground/optimizer-path';

/** Describes where a finished run ended. */
export function describeOutcome(run: OptimizerRun): string {
  const steps = run.xs.length - 1;
  switch (run.outcome) {
    case 'global minimum':
      return `Reached the global minimum at x = −2 after ${steps} steps.`;
    case 'local minimum':
      return `Stalled in the local minimum at x = 1.25 after ${steps} steps.`;
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
