/** Ranking of search trials: finished trials by validation loss, then the rest in trial order. */

import type { TrialState } from '../../../../src-main/backend/search/search-protocol';

/**
 * Returns the loss a trial is ranked by: the validation loss at its best epoch, or the
 * training loss when the project has no validation split. Null until the trial is done,
 * and for a loss that is not finite.
 */
export function trialLoss(trial: TrialState): number | null {
  if (trial.status !== 'done' || trial.bestEpoch === null) return null;
  const best = trial.epochs.find((epoch) => epoch.epoch === trial.bestEpoch);
  const loss = best?.validationLoss ?? best?.trainLoss ?? null;
  return loss !== null && Number.isFinite(loss) ? loss : null;
}

const STATUS_ORDER: Record<TrialState['status'], number> = { done: 0, running: 1, queued: 2, failed: 3, cancelled: 4 };

/** Sorts trials: done ones by ascending loss (those without a finite loss last), then running, queued, failed, cancelled. */
export function rankTrials(trials: readonly TrialState[]): TrialState[] {
  return [...trials].sort((a, b) => {
    const byStatus = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    if (byStatus !== 0) return byStatus;
    const lossA = trialLoss(a) ?? Infinity;
    const lossB = trialLoss(b) ?? Infinity;
    return lossA !== lossB ? lossA - lossB : a.index - b.index;
  });
}

/** Returns the finished trial with the lowest finite loss, or null when there is none. */
export function bestTrial(trials: readonly TrialState[]): TrialState | null {
  const first = rankTrials(trials)[0];
  return first !== undefined && trialLoss(first) !== null ? first : null;
}
