/**
 * The time-left estimate of a training run: hidden for the first epochs, then the average
 * epoch time after the first epoch, so slow start-up work does not inflate it.
 */

import { describe, expect, test } from 'vitest';
import { estimateRemainingMs, MIN_EPOCHS_FOR_ESTIMATE } from '../../src-renderer/src/lib/training/time-left';

/** Epoch end times of a run with `startupMs` of start-up work and then `epochMs` per epoch. */
function epochEnds(count: number, startupMs: number, epochMs: number): { elapsedMs: number }[] {
  return Array.from({ length: count }, (_, i) => ({ elapsedMs: startupMs + (i + 1) * epochMs }));
}

describe('estimateRemainingMs', () => {
  test('no estimate before a few epochs', () => {
    for (let done = 0; done < MIN_EPOCHS_FOR_ESTIMATE; done++) {
      expect(estimateRemainingMs(epochEnds(done, 0, 100), 50, done * 100 + 30)).toBeNull();
    }
  });

  test('slow start-up leaves the estimate unchanged', () => {
    const epochs = epochEnds(3, 5000, 100);

    expect(estimateRemainingMs(epochs, 100, 5300)).toBeCloseTo(97 * 100);
  });

  test('estimate falls steadily within an epoch', () => {
    const epochs = epochEnds(4, 2000, 200);
    const lastEnd = epochs[3].elapsedMs;

    expect(estimateRemainingMs(epochs, 10, lastEnd)).toBeCloseTo(6 * 200);
    expect(estimateRemainingMs(epochs, 10, lastEnd + 50)).toBeCloseTo(6 * 200 - 50);
  });

  test('estimate never goes below zero', () => {
    const epochs = epochEnds(5, 0, 100);

    expect(estimateRemainingMs(epochs, 5, 900)).toBe(0);
  });

  test('varying epoch times are averaged', () => {
    const epochs = [1000, 1100, 1400, 1500].map((elapsedMs) => ({ elapsedMs }));

    expect(estimateRemainingMs(epochs, 10, 1500)).toBeCloseTo(((1500 - 1000) / 3) * 6);
  });
});
