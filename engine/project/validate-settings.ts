/**
 * Validators of the data and training settings, shared by the project file and the
 * model file (which records the settings a model was trained with).
 */

import type { LossName } from '../graph/types';
import { MAX_FEATURES } from '../graph/layer-spec';
import { childPath, JsonChecker } from './json-checks';
import type { DataSettings, DataSource, Task, TrainingSettings } from './types';

export const TASKS: readonly Task[] = ['regression', 'binary', 'multiclass'];
export const LOSSES: readonly LossName[] = ['CrossEntropyLoss', 'MSELoss', 'BCELoss', 'BCEWithLogitsLoss'];
export const OPTIMIZERS: readonly TrainingSettings['optimizer'][] = ['SGD', 'Adam'];

/** Maximum number of epochs in one run. */
export const MAX_EPOCHS = 100_000;

/** Largest learning rate that a project or model file may set. */
export const MAX_LR = 100;

/** Maximum batch size. */
export const MAX_BATCH_SIZE = 1_000_000;

/** Largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffff_ffff;

const TRAINING_KEYS = [
  'loss',
  'optimizer',
  'lr',
  'momentum',
  'weightDecay',
  'batchSize',
  'epochs',
  'shuffle',
  'validationSplit',
  'seed',
] as const;

const BACKENDS = ['auto', 'cpu', 'gpu'] as const;

/** Checks training settings and returns them when every field is valid. */
export function checkTrainingSettings(
  check: JsonChecker,
  value: unknown,
  path: string,
): TrainingSettings | undefined {
  const record = check.object(value, path, TRAINING_KEYS, ['backend']);
  if (record === undefined) return undefined;
  const at = (key: string) => childPath(path, key);
  const before = check.issues.length;

  const loss = check.oneOf(record.loss, at('loss'), LOSSES);
  const optimizer = check.oneOf(record.optimizer, at('optimizer'), OPTIMIZERS);
  const lrRule = `a positive number no larger than ${MAX_LR}`;
  const lr = check.number(record.lr, at('lr'), lrRule, { exclusiveMin: 0, max: MAX_LR });
  const momentum = check.number(record.momentum, at('momentum'), 'a number from 0 up to (not including) 1', {
    min: 0,
    exclusiveMax: 1,
  });
  const weightDecay = check.number(record.weightDecay, at('weightDecay'), 'a number that is 0 or more', {
    min: 0,
  });
  const batchRule = `a whole number from 1 to ${MAX_BATCH_SIZE}`;
  const batchSize = check.number(record.batchSize, at('batchSize'), batchRule, {
    integer: true,
    min: 1,
    max: MAX_BATCH_SIZE,
  });
  const epochs = check.number(record.epochs, at('epochs'), `a whole number from 1 to ${MAX_EPOCHS}`, {
    integer: true,
    min: 1,
    max: MAX_EPOCHS,
  });
  const shuffle = check.boolean(record.shuffle, at('shuffle'));
  const validationSplit = check.number(
    record.validationSplit,
    at('validationSplit'),
    'a share from 0 up to (not including) 1, such as 0.2',
    { min: 0, exclusiveMax: 1 },
  );
  const seed = check.number(record.seed, at('seed'), `a whole number from 0 to ${MAX_SEED}`, {
    integer: true,
    min: 0,
    max: MAX_SEED,
  });

  const backend = record.backend === undefined ? undefined : check.oneOf(record.backend, at('backend'), BACKENDS);

  if (
    check.issues.length > before ||
    loss === undefined ||
    optimizer === undefined ||
    lr === undefined ||
    momentum === undefined ||
    weightDecay === undefined ||
    batchSize === undefined ||
    epochs === undefined ||
    shuffle === undefined ||
    validationSplit === undefined ||
    seed === undefined
  ) {
    return undefined;
  }
  const settings: TrainingSettings = { loss, optimizer, lr, momentum, weightDecay, batchSize, epochs, shuffle, validationSplit, seed };
  if (backend !== undefined) settings.backend = backend;
  return settings;
}

/** Checks a data source: exactly one of `{ "builtin": name }` and `{ "file": path }`. */
function checkDataSource(check: JsonChecker, value: unknown, path: string): DataSource | undefined {
  const record = check.object(value, path, [], ['builtin', 'file']);
  if (record === undefined) return undefined;

  const hasBuiltin = Object.hasOwn(record, 'builtin');
  const hasFile = Object.hasOwn(record, 'file');
  if (hasBuiltin === hasFile) {
    return check.report(
      path,
      'must name exactly one of "builtin" (a bundled data set) and "file" (a CSV path).',
    );
  }
  if (hasBuiltin) {
    const builtin = check.string(record.builtin, childPath(path, 'builtin'), {
      nonEmpty: true,
      maxLength: 100,
    });
    return builtin === undefined ? undefined : { builtin };
  }
  const file = check.string(record.file, childPath(path, 'file'), { nonEmpty: true, maxLength: 4096 });
  return file === undefined ? undefined : { file };
}

/** Checks data settings and returns them when every field is valid. */
export function checkDataSettings(
  check: JsonChecker,
  value: unknown,
  path: string,
): DataSettings | undefined {
  const required = ['source', 'features', 'target', 'task', 'standardize'];
  const record = check.object(value, path, required, ['dropMissing']);
  if (record === undefined) return undefined;
  const at = (key: string) => childPath(path, key);
  const before = check.issues.length;

  const source = checkDataSource(check, record.source, at('source'));
  const features = check.distinctStrings(record.features, at('features'), {
    minItems: 1,
    maxItems: MAX_FEATURES,
  });
  const target = check.string(record.target, at('target'), { nonEmpty: true, maxLength: 1000 });
  const task = check.oneOf(record.task, at('task'), TASKS);
  const standardize = check.boolean(record.standardize, at('standardize'));
  const dropMissing =
    record.dropMissing === undefined ? undefined : check.boolean(record.dropMissing, at('dropMissing'));

  if (features !== undefined && target !== undefined && features.includes(target)) {
    check.report(
      at('target'),
      `is also listed in ${at('features')}. A column cannot be both a feature and the target.`,
    );
  }

  if (
    check.issues.length > before ||
    source === undefined ||
    features === undefined ||
    target === undefined ||
    task === undefined ||
    standardize === undefined
  ) {
    return undefined;
  }
  const settings: DataSettings = { source, features, target, task, standardize };
  if (dropMissing !== undefined) settings.dropMissing = dropMissing;
  return settings;
}
