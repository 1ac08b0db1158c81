import { expect } from 'vitest';
import { DataError } from '../../engine/data/errors';

/** Runs `action` and returns the DataError it throws; fails the test if it throws none. */
export function catchDataError(action: () => unknown): DataError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error('expected a DataError, but nothing was thrown');
}
