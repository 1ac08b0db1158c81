/**
 * Training output of the CLI: a progress bar on stderr when it is a terminal, and one
 * line per epoch on stdout.
 */

import type { BatchProgress, EpochProgress } from '../../engine/train';

const BAR_WIDTH = 30;

/** Minimum milliseconds between redraws of the progress bar. */
const REDRAW_MS = 100;

/** Formats a share from 0 to 1 as a percentage with one decimal: `96.7%`. */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/**
 * Formats a loss or MSE with 4 significant digits: `0.1236`, `3287`, `12346`, and in
 * exponent notation below 0.001 (`5.094e-6`, where toPrecision would switch only below 1e-6)
 * and from 1e6 on (`1.275e+26`, as a diverging run reaches).
 */
export function formatLoss(value: number): string {
  // Trailing zeros stay, so the columns of epoch lines line up.
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 && Number.isFinite(value)) return value.toExponential(3);
  if (magnitude >= 1e4) return value.toFixed(0);
  if (magnitude < 1e-3 && magnitude > 0) return value.toExponential(3);
  return value.toPrecision(4);
}

/**
 * Formats the figures of one epoch:
 * `epoch  12/100  train loss 0.1236  val loss 0.2041  val accuracy 96.7%  0.01 s`.
 */
export function formatEpochLine(progress: EpochProgress): string {
  const width = String(progress.epochs).length;
  const parts = [
    `epoch ${String(progress.epoch).padStart(width)}/${progress.epochs}`,
    `train loss ${formatLoss(progress.trainLoss)}`,
  ];
  if (progress.valLoss !== null) parts.push(`val loss ${formatLoss(progress.valLoss)}`);
  if (progress.trainAccuracy !== undefined) {
    parts.push(`train accuracy ${formatPercent(progress.trainAccuracy)}`);
  }
  if (progress.valAccuracy !== undefined) parts.push(`val accuracy ${formatPercent(progress.valAccuracy)}`);
  if (progress.valMse !== undefined) parts.push(`val MSE ${formatLoss(progress.valMse)}`);
  parts.push(`${progress.seconds.toFixed(2)} s`);
  if (progress.partial) parts.push('(stopped early)');
  return parts.join('  ');
}

/** Draws a one-line progress bar on a terminal stream, or nothing when `stream` is null. */
export class ProgressBar {
  private lastDraw = 0;
  private visible = false;

  constructor(private readonly stream: NodeJS.WriteStream | null) {}

  /** Redraws the bar for this batch, at most every 100 ms. */
  update(progress: BatchProgress, epochs: number): void {
    if (this.stream === null) return;
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_MS && progress.batch !== progress.batches) return;
    this.lastDraw = now;

    const done = ((progress.epoch - 1) * progress.batches + progress.batch) / (epochs * progress.batches);
    const filled = Math.round(done * BAR_WIDTH);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
    const position = `epoch ${progress.epoch}/${epochs} batch ${progress.batch}/${progress.batches}`;
    const text = `[${bar}] ${position} loss ${formatLoss(progress.loss)}`;
    this.stream.write(`\r\x1b[K${text}`);
    this.visible = true;
  }

  /** Removes the bar so that a normal line can be printed. */
  clear(): void {
    if (this.stream === null || !this.visible) return;
    this.stream.write('\r\x1b[K');
    this.visible = false;
  }
}
