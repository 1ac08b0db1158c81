/**
 * Zod schema of the runs a project records, so that requests carrying a whole project
 * (training, search) accept them. The engine's `validateProject` checks them in full.
 */

import { z } from 'zod';
import type { TrainingSettings } from '../../engine/project/types';

const MAX_RUNS = 100;
const MAX_RUN_POINTS = 500;

const value = z.number().nullable();

const runPoint = z.strictObject({
  epoch: z.int().min(1),
  trainLoss: value,
  validationLoss: value,
  trainMetric: value,
  validationMetric: value,
});

/** Builds the schema of `Project.runs` around the schema of the training settings. */
export function createRunsSchema(trainingSettings: z.ZodType<TrainingSettings>) {
  const runRecord = z.strictObject({
    id: z.string().min(1).max(100),
    name: z.string().min(1).max(200),
    startedAt: z.string().min(1).max(40),
    training: trainingSettings,
    parameterCount: z.int().min(0),
    architecture: z.string().max(1000),
    metric: z.enum(['accuracy', 'mse']),
    stopReason: z.enum(['completed', 'interrupted', 'diverged']),
    epochsRun: z.int().min(0),
    bestEpoch: z.int().min(0),
    best: runPoint,
    final: runPoint,
    durationMs: z.number().min(0),
    points: z.array(runPoint).max(MAX_RUN_POINTS),
    searchId: z.string().min(1).max(100).optional(),
  });
  return z.array(runRecord).max(MAX_RUNS);
}
