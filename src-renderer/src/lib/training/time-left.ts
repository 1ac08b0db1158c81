/** The time-left estimate of a training run. */

/** Finished epochs before an estimate is shown: the first one also contains start-up work. */
export const MIN_EPOCHS_FOR_ESTIMATE = 3;

/**
 * Estimates the time a run needs to finish, in milliseconds, from the average epoch time
 * since the end of the first epoch. The first epoch is left out because it also contains
 * the worker's start-up work, which made estimates from the total time start far too high.
 *
 * @param epochs the finished epochs in order, each with the elapsed run time at its end
 * @param totalEpochs epochs the run trains for
 * @param elapsedMs elapsed run time now, at or after the last epoch's end
 * @returns the estimate, or null until `MIN_EPOCHS_FOR_ESTIMATE` epochs have finished
 */
export function estimateRemainingMs(
  epochs: readonly { elapsedMs: number }[],
  totalEpochs: number,
  elapsedMs: number,
): number | null {
  const done = epochs.length;
  if (done < MIN_EPOCHS_FOR_ESTIMATE) return null;

  const lastEndMs = epochs[done - 1].elapsedMs;
  const perEpochMs = (lastEndMs - epochs[0].elapsedMs) / (done - 1);
  const intoCurrentEpochMs = Math.max(0, elapsedMs - lastEndMs);
  return Math.max(0, perEpochMs * (totalEpochs - done) - intoCurrentEpochMs);
}
