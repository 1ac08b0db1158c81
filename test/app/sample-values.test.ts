/** The predict panel's checks of one sample: typed fields and a pasted row, and the message for each mistake. */

import { describe, expect, test } from 'vitest';
import {
  checkTypedSample,
  parsePastedSample,
  type SampleCheck,
} from '../../src-renderer/src/components/PredictPanel/sample-values';

const IRIS = ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'];
const PIXELS = Array.from({ length: 64 }, (_, index) => `pixel_${Math.floor(index / 8)}_${index % 8}`);

function errorOf(check: SampleCheck): string {
  if (!('error' in check)) throw new Error(`expected an error, got ${JSON.stringify(check.values)}`);
  return check.error;
}

describe('typed sample', () => {
  test('numbers pass in feature order', () => {
    expect(checkTypedSample([5.1, 3.5, 1.4, 0.2], IRIS)).toEqual({ values: [5.1, 3.5, 1.4, 0.2] });
  });

  test('empty field names the feature', () => {
    const error = errorOf(checkTypedSample([5.1, null, 1.4, 0.2], IRIS));
    expect(error).toBe('sepal_width_cm has no number. Enter a number for it, or paste the whole sample below.');
  });

  test('missing and non-finite values are rejected', () => {
    expect(errorOf(checkTypedSample([5.1, 3.5, 1.4], IRIS))).toMatch(/^petal_width_cm has no number/);
    expect(errorOf(checkTypedSample([Number.NaN, 3.5, 1.4, 0.2], IRIS))).toMatch(/^sepal_length_cm has no number/);
    expect(errorOf(checkTypedSample([5.1, 3.5, Infinity, 0.2], IRIS))).toMatch(/^petal_length_cm has no number/);
  });

  test('value beyond the request limit is rejected', () => {
    const error = errorOf(checkTypedSample([5.1, 3.5, 1.4, -2e30], IRIS));
    expect(error).toBe('petal_width_cm is -2e+30, too large. Enter a value between -1e+30 and 1e+30.');
  });
});

describe('pasted sample', () => {
  test('commas, semicolons and spaces separate values', () => {
    expect(parsePastedSample(' 6.7, 3.0;5.2 \t2.3 ', IRIS)).toEqual({ values: [6.7, 3, 5.2, 2.3] });
  });

  test('wrong count names both counts and the order', () => {
    const error = errorOf(parsePastedSample('6.7, 3.0, 5.2', IRIS));
    expect(error).toBe(
      'The pasted row has 3 values, but the model has 4 features. Paste 4 numbers separated by commas or spaces, ' +
        'in the order sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm.',
    );
  });

  test('text value is quoted', () => {
    const error = errorOf(parsePastedSample('6.7, three, 5.2, 2.3', IRIS));
    expect(error).toMatch(/^'three' is not a number\. Paste 4 numbers/);
  });

  test('long feature lists are shortened', () => {
    const error = errorOf(parsePastedSample('1 2 3', PIXELS));
    expect(error).toContain('has 3 values, but the model has 64 features');
    expect(error).toContain('in the order pixel_0_0, pixel_0_1, … pixel_7_7.');
  });

  test('value beyond the request limit names the feature', () => {
    expect(errorOf(parsePastedSample('1, 1e31, 1, 1', IRIS))).toMatch(/^sepal_width_cm is 1e31, too large\./);
  });
});
