/** Validator of the runs a project file records (`Project.runs`). */

import { childPath, JsonChecker } from './json-checks';
import type { RunPoint, RunRecord } from './types';
import { checkTrainingSettings, MAX_EPOCHS } from './validate-settings';

/** Maximum number of runs a project keeps. */
export const MAX_RUNS = 100;

/** Maximum number of curve points per run; longer runs are downsampled before they are recorded. */
export const MAX_RUN_POINTS = 500;

/** Maximum length of a run's architecture description. */
export const MAX_ARCHITECTURE_LENGTH = 1000;

const POINT_KEYS = ['epoch', 'trainLoss', 'validationLoss', 'trainMetric', 'validationMetric'] as const;

const RUN_KEYS = [
  'id',
  'name',
  'startedAt',
  'training',
  'parameterCount',
  'architecture',
  'metric',
  'stopReason',
  'epochsRun',
  'bestEpoch',
  'best',
  'final',
  'durationMs',
  'points',
] as const;

const METRICS = ['accuracy', 'mse'] as const;
const STOP_REASONS = ['completed', 'interrupted', 'diverged'] as const;
const EPOCH_RULE = `a whole number from 1 to ${MAX_EPOCHS}`;

/** Checks a number that may be null; returns null, the number, or undefined when invalid. */
function nullableNumber(check: JsonChecker, value: unknown, path: string): number | null | undefined {
  if (value === null) return null;
  return check.number(value, path, 'a number or null');
}

/** Checks one point of a run's curves. */
function checkPoint(check: JsonChecker, value: unknown, path: string): RunPoint | undefined {
  const record = check.object(value, path, POINT_KEYS);
  if (record === undefined) return undefined;
  const at = (key: string) => childPath(path, key);
  const before = check.issues.length;

  const epoch = check.number(record.epoch, at('epoch'), EPOCH_RULE, { integer: true, min: 1, max: MAX_EPOCHS });
  const trainLoss = nullableNumber(check, record.trainLoss, at('trainLoss'));
  const validationLoss = nullableNumber(check, record.validationLoss, at('validationLoss'));
  const trainMetric = nullableNumber(check, record.trainMetric, at('trainMetric'));
  const validationMetric = nullableNumber(check, record.validationMetric, at('validationMetric'));

  if (
    check.issues.length > before ||
    epoch === undefined ||
    trainLoss === undefined ||
    validationLoss === undefined ||
    trainMetric === undefined ||
    validationMetric === undefined
  ) {
    return undefined;
  }
  return { epoch, trainLoss, validationLoss, trainMetric, validationMetric };
}

/** Checks a run's curve points: at most `MAX_RUN_POINTS`, epochs strictly increasing. */
function checkPoints(check: JsonChecker, value: unknown, path: string): RunPoint[] | undefined {
  const items = check.array(value, path, { maxItems: MAX_RUN_POINTS });
  if (items === undefined) return undefined;

  const points: RunPoint[] = [];
  items.forEach((item, i) => {
    const point = checkPoint(check, item, childPath(path, i));
    if (point === undefined) return;
    const previous = points.at(-1);
    if (previous !== undefined && point.epoch <= previous.epoch) {
      check.report(childPath(path, i), `has epoch ${point.epoch}, which must be larger than the previous point's ${previous.epoch}.`);
    }
    points.push(point);
  });
  return points.length === items.length ? points : undefined;
}

/** Checks one run record. */
function checkRun(check: JsonChecker, value: unknown, path: string): RunRecord | undefined {
  const record = check.object(value, path, RUN_KEYS, ['searchId']);
  if (record === undefined) return undefined;
  const at = (key: string) => childPath(path, key);
  const before = check.issues.length;

  const id = check.string(record.id, at('id'), { nonEmpty: true, maxLength: 100 });
  const name = check.string(record.name, at('name'), { nonEmpty: true, maxLength: 200 });
  const startedAt = check.string(record.startedAt, at('startedAt'), { nonEmpty: true, maxLength: 40 });
  if (startedAt !== undefined && Number.isNaN(Date.parse(startedAt))) {
    check.report(at('startedAt'), 'must be a date and time such as "2024-05-01T12:00:00.000Z".');
  }
  const training = checkTrainingSettings(check, record.training, at('training'));
  const parameterCount = check.number(record.parameterCount, at('parameterCount'), 'a whole number that is 0 or more', {
    integer: true,
    min: 0,
  });
  const architecture = check.string(record.architecture, at('architecture'), { maxLength: MAX_ARCHITECTURE_LENGTH });
  const metric = check.oneOf(record.metric, at('metric'), METRICS);
  const stopReason = check.oneOf(record.stopReason, at('stopReason'), STOP_REASONS);
  const epochRange = { integer: true, min: 0, max: MAX_EPOCHS };
  const epochsRun = check.number(record.epochsRun, at('epochsRun'), `a whole number from 0 to ${MAX_EPOCHS}`, epochRange);
  const bestEpoch = check.number(record.bestEpoch, at('bestEpoch'), `a whole number from 0 to ${MAX_EPOCHS}`, epochRange);
  const best = checkPoint(check, record.best, at('best'));
  const final = checkPoint(check, record.final, at('final'));
  const durationMs = check.number(record.durationMs, at('durationMs'), 'a number of milliseconds that is 0 or more', {
    min: 0,
  });
  const points = checkPoints(check, record.points, at('points'));
  const searchId =
    record.searchId === undefined ? undefined : check.string(record.searchId, at('searchId'), { nonEmpty: true, maxLength: 100 });

  if (
    check.issues.length > before ||
    id === undefined ||
    name === undefined ||
    startedAt === undefined ||
    training === undefined ||
    parameterCount === undefined ||
    architecture === undefined ||
    metric === undefined ||
    stopReason === undefined ||
    epochsRun === undefined ||
    bestEpoch === undefined ||
    best === undefined ||
    final === undefined ||
    durationMs === undefined ||
    points === undefined
  ) {
    return undefined;
  }
  const run: RunRecord = {
    id,
    name,
    startedAt,
    training,
    parameterCount,
    architecture,
    metric,
    stopReason,
    epochsRun,
    bestEpoch,
    best,
    final,
    durationMs,
    points,
  };
  if (searchId !== undefined) run.searchId = searchId;
  return run;
}

/** Checks the runs of a project: at most `MAX_RUNS`, each with a different id. */
export function checkRuns(check: JsonChecker, value: unknown, path: string): RunRecord[] | undefined {
  const items = check.array(value, path, { maxItems: MAX_RUNS });
  if (items === undefined) return undefined;

  const runs: RunRecord[] = [];
  const ids = new Set<string>();
  items.forEach((item, i) => {
    const run = checkRun(check, item, childPath(path, i));
    if (run === undefined) return;
    if (ids.has(run.id)) check.report(childPath(childPath(path, i), 'id'), `repeats ${JSON.stringify(run.id)}. Each run needs its own id.`);
    ids.add(run.id);
    runs.push(run);
  });
  return runs.length === items.length ? runs : undefined;
}
