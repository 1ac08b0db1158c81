/** Display formats of the runs table. */

import type { RunRecord } from '../../../../engine/project/types';

/** Formats a learning rate compactly: 0.01, 0.0031, 1.2e-5. */
export function formatLr(lr: number): string {
  return lr >= 1e-3 ? String(Number(lr.toPrecision(2))) : lr.toExponential(1);
}

/**
 * Formats a loss or MSE compactly, so that it fits a narrow column. Values from 0.01 to 1000
 * keep four significant digits (0.04123, 123.4), and values up to a million are rounded to
 * whole numbers (3287). Others take exponent form with three digits (1.23e-3, 4.56e+7).
 * A missing value is a dash.
 */
export function formatLoss(value: number | null): string {
  if (value === null) return '–';
  const size = Math.abs(value);
  if (size === 0 || !Number.isFinite(value)) return String(value);
  if (size < 0.01 || size >= 1e6) return value.toExponential(2);
  if (size >= 1000) return String(Math.round(value));
  return value.toPrecision(4);
}

/** Formats the run's metric at its best epoch: accuracy in percent, or MSE. */
export function formatMetric(run: RunRecord): string {
  const value = run.best.validationMetric ?? run.best.trainMetric;
  if (value === null) return '–';
  return run.metric === 'accuracy' ? `${(value * 100).toFixed(1)}%` : formatLoss(value);
}

/** Splits a run's name before each bracket, so that "Run 5 (trial 3)" wraps as "Run 5" and "(trial 3)". */
export function nameParts(name: string): string[] {
  return name.split(/ (?=\()/);
}

/** Returns the header of the metric column: Accuracy or MSE when every run has that metric, else both. */
export function metricHeader(runs: readonly RunRecord[]): string {
  if (runs.every((run) => run.metric === 'accuracy')) return 'Accuracy';
  if (runs.every((run) => run.metric === 'mse')) return 'MSE';
  return 'Accuracy / MSE';
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Formats a count exactly below 10,000 (4,810) and compactly above (48.1K, 1.2M). */
export function formatCount(count: number): string {
  return count < 10_000 ? count.toLocaleString('en-US') : COMPACT.format(count);
}

/**
 * Returns the settings that tell runs apart, as short phrases to show on one line:
 * "SGD", "lr 0.05", "momentum 0.90", "batch 16", "40 epochs (best 38)", "seed 0". Weight
 * decay appears only when it is set, and a run that ended early shows the epochs it ran of
 * those it was set to run.
 */
export function settingsPhrases(run: RunRecord): string[] {
  const training = run.training;
  const phrases = [training.optimizer, `lr ${formatLr(training.lr)}`];
  if (training.optimizer === 'SGD') phrases.push(`momentum ${training.momentum.toFixed(2)}`);
  if (training.weightDecay > 0) phrases.push(`weight decay ${formatLr(training.weightDecay)}`);
  phrases.push(`batch ${training.batchSize}`);

  const epochs = run.epochsRun === training.epochs ? `${run.epochsRun} epochs` : `${run.epochsRun} of ${training.epochs} epochs`;
  phrases.push(`${epochs} (best ${run.bestEpoch})`);
  phrases.push(`seed ${training.seed}`);
  return phrases;
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
