/** The numbers in the epoch lines `wiregrad train` prints. */

import { describe, expect, it } from 'vitest';

import { formatEpochLine, formatLoss } from '../../src-main/cli/progress';

describe('formatLoss', () => {
  it.each([
    [0.1236, '0.1236'],
    [1.5, '1.500'],
    [3287.2, '3287'],
    [12345.6, '12346'],
    [999_999, '999999'],
    [1.27467103064074e26, '1.275e+26'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [0.001, '0.001000'],
    [0.000999, '9.990e-4'],
    [5.094e-6, '5.094e-6'],
    [1.179e-7, '1.179e-7'],
    [0, '0.000'],
  ])('formats %s as %s', (value, text) => {
    expect(formatLoss(value)).toBe(text);
  });

  it('writes small losses in one notation', () => {
    const line = formatEpochLine({
      epoch: 40,
      epochs: 100,
      trainLoss: 1.179e-7,
      valLoss: 5.094e-6,
      seconds: 0.01,
      partial: false,
    });

    expect(line).toBe('epoch  40/100  train loss 1.179e-7  val loss 5.094e-6  0.01 s');
  });
});
