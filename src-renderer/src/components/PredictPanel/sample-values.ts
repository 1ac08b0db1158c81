/**
 * Checks of one sample before the predict panel sends it: typed fields that must each contain
 * a number, and a pasted row that must contain one number per feature. Each error message
 * names the wrong value and what to enter instead.
 */

import { MAX_SAMPLE_VALUE } from '../../../../src-main/backend/insight-types';

/** Feature names listed in full in a message. Longer lists show the first two and the last. */
const MAX_LISTED_FEATURES = 8;

const ALLOWED_RANGE = `between ${-MAX_SAMPLE_VALUE} and ${MAX_SAMPLE_VALUE}`;

export type SampleCheck = { values: number[] } | { error: string };

/**
 * Checks the typed fields. Svelte sets a number field's value to null when the field is empty
 * or its text is not a number, and a missing entry counts as empty.
 */
export function checkTypedSample(values: readonly (number | null | undefined)[], features: readonly string[]): SampleCheck {
  for (const [index, feature] of features.entries()) {
    const value = values[index];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return { error: `${feature} has no number. Enter a number for it, or paste the whole sample below.` };
    }
    if (Math.abs(value) > MAX_SAMPLE_VALUE) {
      return { error: `${feature} is ${value}, too large. Enter a value ${ALLOWED_RANGE}.` };
    }
  }
  return { values: features.map((_, index) => values[index] as number) };
}

/** Parses a pasted row: numbers separated by commas, semicolons or white space, in feature order. */
export function parsePastedSample(text: string, features: readonly string[]): SampleCheck {
  const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
  const howTo = `Paste ${features.length} numbers separated by commas or spaces, in the order ${listFeatures(features)}.`;

  const notNumber = parts.find((part) => !Number.isFinite(Number(part)));
  if (notNumber !== undefined) return { error: `'${notNumber.slice(0, 40)}' is not a number. ${howTo}` };

  if (parts.length !== features.length) {
    return { error: `The pasted row has ${parts.length} values, but the model has ${features.length} features. ${howTo}` };
  }

  const values = parts.map(Number);
  const tooLarge = values.findIndex((value) => Math.abs(value) > MAX_SAMPLE_VALUE);
  if (tooLarge >= 0) {
    return { error: `${features[tooLarge]} is ${parts[tooLarge]}, too large. Enter a value ${ALLOWED_RANGE}.` };
  }
  return { values };
}

function listFeatures(features: readonly string[]): string {
  if (features.length <= MAX_LISTED_FEATURES) return features.join(', ');
  return `${features[0]}, ${features[1]}, … ${features[features.length - 1]}`;
}
