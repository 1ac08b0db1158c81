/** Zod schemas of the search requests; `schemas.ts` adds them to the request schemas. */

import { z } from 'zod';
import type { Project } from '../../../engine/project/types';

/** Maximum number of trials in one search. */
export const MAX_TRIALS = 100;

/** Maximum number of epochs of one trial. */
export const MAX_TRIAL_EPOCHS = 10_000;

const searchId = z.string().min(1).max(100);

const lrRange = z
  .strictObject({ min: z.number().gt(0).max(100), max: z.number().gt(0).max(100) })
  .refine((range) => range.min <= range.max, { message: 'min must not be larger than max' });

const momentumRange = z
  .strictObject({ min: z.number().min(0).lt(1), max: z.number().min(0).lt(1) })
  .refine((range) => range.min <= range.max, { message: 'min must not be larger than max' });

const searchOptions = z.strictObject({
  trials: z.int().min(1).max(MAX_TRIALS),
  epochs: z.int().min(1).max(MAX_TRIAL_EPOCHS),
  lr: lrRange,
  momentum: momentumRange,
  seed: z.int().min(0).max(2 ** 32 - 1),
});

/** Builds the schemas of the search channels around the project schema. */
export function createSearchSchemas(projectSchema: z.ZodType<Project>) {
  return {
    'start-search': z.strictObject({
      project: projectSchema,
      csvText: z.string().max(32 * 1024 * 1024).optional(),
      options: searchOptions,
    }),
    'stop-search': z.strictObject({ searchId }),
    'search-status': z.strictObject({ searchId }),
  };
}
