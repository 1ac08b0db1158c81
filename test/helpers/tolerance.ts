import { expect } from 'vitest';

/**
 * Tolerance of the PyTorch parity tests: a value passes when
 * `|got - expected| <= max(rtol * |expected|, atol)`.
 * The absolute floor covers values near zero, where float32 rounding of a sum
 * leaves an error set by the size of its terms rather than of the result.
 */
export interface Tolerance {
  rtol: number;
  atol: number;
}

export const PARITY_TOLERANCE: Tolerance = { rtol: 1e-5, atol: 1e-6 };

/** Returns one line per element outside the tolerance, at most `limit` lines. */
export function mismatches(
  got: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: Tolerance = PARITY_TOLERANCE,
  limit = 8,
): string[] {
  if (got.length !== expected.length) {
    return [`length ${got.length}, expected ${expected.length}`];
  }

  const lines: string[] = [];
  let count = 0;
  for (let i = 0; i < expected.length; i++) {
    const allowed = Math.max(tolerance.rtol * Math.abs(expected[i]), tolerance.atol);
    const error = Math.abs(got[i] - expected[i]);
    if (error <= allowed) continue;

    count++;
    if (lines.length < limit) {
      lines.push(`[${i}] got ${got[i]}, expected ${expected[i]} (error ${error.toExponential(2)})`);
    }
  }

  if (count > limit) lines.push(`... ${count - limit} more`);
  return lines;
}

/** Asserts that every element of `got` is within the tolerance of `expected`. */
export function expectClose(
  got: ArrayLike<number>,
  expected: ArrayLike<number>,
  label: string,
  tolerance: Tolerance = PARITY_TOLERANCE,
): void {
  expect(mismatches(got, expected, tolerance), label).toEqual([]);
}
