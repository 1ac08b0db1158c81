/** Display formats of the runs table. */

import type { RunRecord } from '../../../../engine/project/types';

/** Formats a learning rate compactly: 0.01, 0.0031, 1.2e-5. */
export function formatLr(lr: number): string {
  return lr >= 1e-3 ? String(Number(lr.toPrecision(2))) : lr.toExponential(1);
}

/** Formats a loss or MSE with four significant digits, or a dash when it is missing. */
export function formatLoss(value: number | null): string {
  return value === null ? '–' : value.toPrecision(4);
}

/** Formats the run's metric at its best epoch: accuracy in percent, or MSE. */
export function formatMetric(run: RunRecord): string {
  const value = run.best.validationMetric ?? run.best.trainMetric;
  if (value === null) return '–';
  return run.metric === 'accuracy' ? `${(value * 100).toFixed(1)}%` : value.toPrecision(4);
}

/** Formats a duration such as 850 ms, 12.4 s or 3 min 5 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Colors of compared runs, in selection order; they repeat after the last. */
export const RUN_COLORS = ['#1f5fbf', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207', '#be185d'];
