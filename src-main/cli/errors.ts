/** Errors the CLI reports as the user's to fix (exit code 1), and their messages. */

import { DataError } from '../../engine/data/errors';
import { JsonValidationError } from '../../engine/project/json-checks';
import { TrainingError } from '../../engine/train/trainer';

/** A problem with the command line or the files it names. The message states what to fix. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * Returns the message to print for an error the user can fix, or null for an
 * unexpected error, which the CLI reports as an internal error with its stack.
 */
export function userMessage(error: unknown): string | null {
  if (error instanceof UserError || error instanceof TrainingError) return error.message;
  if (error instanceof DataError) return `Invalid data: ${error.message}`;
  if (error instanceof JsonValidationError) return error.message;
  return null;
}
