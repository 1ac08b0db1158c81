/**
 * Text form of float32 values for the model file: the fewest significant digits that
 * parse back to the same float32, so weights survive a save and load bit for bit.
 */

/**
 * Formats a float32 value with the fewest significant digits (1 to 9) that round to
 * the same float32 when parsed. Nine digits always suffice for float32.
 * Negative zero keeps its sign as `-0`, which JSON.parse reads back as -0.
 *
 * @param value a number that is exactly representable as float32 and finite.
 */
export function formatFloat32Shortest(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`formatFloat32Shortest: the value must be finite, got ${value}.`);
  }
  if (Object.is(value, -0)) return '-0';

  for (let digits = 1; digits <= 9; digits += 1) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return normalizeNumberText(text);
  }
  // Reached only when `value` is not a float32: print it as the nearest float32.
  return formatFloat32Shortest(Math.fround(value));
}

/**
 * Rewrites `toPrecision` output as JavaScript prints the same number, so `1.0e+2`
 * becomes `100` and `1.50` becomes `1.5`. Both forms are valid JSON numbers.
 */
function normalizeNumberText(text: string): string {
  return String(Number(text));
}
