/** Checks of the search form, worded for the learner; the backend checks the request again. */

import type { SearchOptions } from '../../../../src-main/backend/search/search-protocol';

const isWhole = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;

/** Returns one message per invalid option, or [] when the search can start. */
export function checkSearchOptions(options: SearchOptions, optimizer: 'SGD' | 'Adam'): string[] {
  const problems: string[] = [];
  const { lr, momentum } = options;

  if (!(lr.min > 0 && lr.max <= 100 && lr.min <= lr.max)) {
    problems.push(`The learning rate range must run from a positive number up to at most 100, got ${lr.min} to ${lr.max}.`);
  }
  if (optimizer === 'SGD' && !(momentum.min >= 0 && momentum.max < 1 && momentum.min <= momentum.max)) {
    problems.push(`The momentum range must lie in [0, 1) and run upwards, got ${momentum.min} to ${momentum.max}.`);
  }
  if (!isWhole(options.trials, 1, 100)) problems.push(`Trials must be a whole number from 1 to 100, got ${options.trials}.`);
  if (!isWhole(options.epochs, 1, 10_000)) {
    problems.push(`Epochs per trial must be a whole number from 1 to 10000, got ${options.epochs}.`);
  }
  if (!isWhole(options.seed, 0, 0xffff_ffff)) problems.push(`The search seed must be a whole number from 0 to 4294967295, got ${options.seed}.`);
  return problems;
}
