/**
 * Hand-written validator of the model file. It needs no code generation, so it also
 * runs in a renderer under a Content-Security-Policy without 'unsafe-eval'.
 * engine/model/model-file.schema.json describes the same structure as JSON Schema.
 */

import { MAX_FEATURES } from '../graph/layer-spec';
import { LOSSES_FOR_TASK } from '../graph/loss-checks';
import {
  childPath,
  describeJson,
  JsonChecker,
  JsonValidationError,
  parseJsonText,
} from '../project/json-checks';
import { PROJECT_FORMAT } from '../project/project-file';
import { checkTrainingSettings, MAX_EPOCHS, TASKS } from '../project/validate-settings';
import {
  MODEL_FORMAT,
  MODEL_VERSION,
  type ModelFile,
  type ModelMetrics,
  type Standardization,
} from './types';
import {
  checkLayers,
  checkStateDict,
  FLOAT32_RANGE,
  FLOAT32_RULE,
  outputWidthOf,
} from './validate-layers';

/**
 * Maximum size of a model file: 64 MiB, enough for the largest model the limits allow
 * (4 million parameters at up to 16 characters each).
 */
export const MAX_MODEL_FILE_BYTES = 64 * 1024 * 1024;

/** Maximum number of classes of a classification model. */
export const MAX_CLASSES = 10_000;

const MODEL_NAME = 'The model file';

const MODEL_KEYS = [
  'format',
  'version',
  'name',
  'task',
  'features',
  'target',
  'classes',
  'standardization',
  'layers',
  'stateDict',
  'training',
  'metrics',
] as const;

/**
 * Rejects a model file of `byteLength` bytes before it is read or parsed.
 *
 * @throws JsonValidationError when the file is larger than MAX_MODEL_FILE_BYTES.
 */
export function checkModelFileSize(byteLength: number): void {
  if (byteLength > MAX_MODEL_FILE_BYTES) {
    throw new JsonValidationError(MODEL_NAME, [
      {
        path: '',
        message:
          `${MODEL_NAME} is ${byteLength} bytes, ` +
          `but the limit is ${MAX_MODEL_FILE_BYTES} bytes (64 MiB). ` +
          'Check that this is a Wiregrad model file.',
      },
    ]);
  }
}

/**
 * Parses and validates the text of a model file.
 *
 * @throws JsonValidationError when the text is over the size limit, not JSON, or not a valid model file.
 */
export function parseModelFile(text: string): ModelFile {
  checkModelFileSize(text.length);
  return validateModelFile(parseJsonText(text, MODEL_NAME, MAX_MODEL_FILE_BYTES));
}

/**
 * Validates a parsed model file and returns it with the weights as Float32Arrays.
 *
 * @throws JsonValidationError listing every problem, each under its JSON path.
 */
export function validateModelFile(value: unknown): ModelFile {
  checkFormat(value);
  const check = new JsonChecker(MODEL_NAME);
  const record = check.object(value, '', MODEL_KEYS);
  if (record === undefined) throw new JsonValidationError(MODEL_NAME, check.issues);

  const name = check.string(record.name, 'name', { maxLength: 200 });
  const task = check.oneOf(record.task, 'task', TASKS);
  const features = check.distinctStrings(record.features, 'features', {
    minItems: 1,
    maxItems: MAX_FEATURES,
  });
  const target = check.string(record.target, 'target', { nonEmpty: true, maxLength: 1000 });
  const classes = checkClasses(check, record.classes, task);
  const standardization = checkStandardization(check, record.standardization, features?.length);
  const layers = checkLayers(check, record.layers, 'layers', features?.length);
  const stateDict = checkStateDict(check, record.stateDict, 'stateDict', layers);
  const training = checkTrainingSettings(check, record.training, 'training');
  const metrics = checkMetrics(check, record.metrics, 'metrics');

  if (layers !== undefined && task !== undefined) {
    checkOutputWidth(check, outputWidthOf(layers), task, classes);
  }
  if (training !== undefined && task !== undefined && !LOSSES_FOR_TASK[task].includes(training.loss)) {
    const expected = LOSSES_FOR_TASK[task].join(' or ');
    check.report('training.loss', `must be ${expected} for a ${task} model, got "${training.loss}".`);
  }

  if (
    check.issues.length > 0 ||
    name === undefined ||
    task === undefined ||
    features === undefined ||
    target === undefined ||
    classes === undefined ||
    standardization === undefined ||
    layers === undefined ||
    stateDict === undefined ||
    training === undefined ||
    metrics === undefined
  ) {
    throw new JsonValidationError(MODEL_NAME, check.issues);
  }
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    name,
    task,
    features,
    target,
    classes,
    standardization,
    layers,
    stateDict,
    training,
    metrics,
  };
}

/**
 * Checks "format" and "version" before any other key, because a file of another kind
 * or version follows other rules, and a list of its unknown keys would hide the cause.
 *
 * @throws JsonValidationError naming what the file is, when it is not a model file.
 */
function checkFormat(value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  if ('format' in value && value.format === PROJECT_FORMAT) {
    const message =
      'This is a Wiregrad project file, not a model file. Train it first ' +
      "(with 'wiregrad train' or the Train button), which writes the model file.";
    throw new JsonValidationError(MODEL_NAME, [{ path: 'format', message }]);
  }

  const check = new JsonChecker(MODEL_NAME);
  if ('format' in value && value.format !== MODEL_FORMAT) {
    check.report(
      'format',
      `must be "${MODEL_FORMAT}", got ${describeJson(value.format)}. Is this a Wiregrad model file?`,
    );
  }
  if ('version' in value && value.version !== MODEL_VERSION) {
    check.report(
      'version',
      `must be ${MODEL_VERSION}, got ${describeJson(value.version)}. ` +
        'This file was written by a different version of Wiregrad.',
    );
  }
  if (check.issues.length > 0) throw new JsonValidationError(MODEL_NAME, check.issues);
}

/** Checks the class labels: null for regression, 2 for binary, 2 or more for multiclass. */
function checkClasses(
  check: JsonChecker,
  value: unknown,
  task: string | undefined,
): string[] | null | undefined {
  if (task === 'regression') {
    if (value !== null && value !== undefined) {
      check.report('classes', `must be null for a regression model, got ${describeJson(value)}.`);
    }
    return value === null ? null : undefined;
  }
  if (value === null) {
    const kind = task ?? 'classification';
    return check.report('classes', `must list the class labels of a ${kind} model, got null.`);
  }

  const classes = check.distinctStrings(value, 'classes', { minItems: 2, maxItems: MAX_CLASSES });
  if (classes !== undefined && task === 'binary' && classes.length !== 2) {
    return check.report('classes', `must have exactly 2 labels for a binary model, got ${classes.length}.`);
  }
  return classes;
}

function checkStandardization(
  check: JsonChecker,
  value: unknown,
  featureCount: number | undefined,
): Standardization | null | undefined {
  if (value === null) return null;
  const record = check.object(value, 'standardization', ['mean', 'std']);
  if (record === undefined) return undefined;
  const before = check.issues.length;

  const lists: Record<'mean' | 'std', number[]> = { mean: [], std: [] };
  for (const key of ['mean', 'std'] as const) {
    const path = childPath('standardization', key);
    const items = check.array(record[key], path, { maxItems: MAX_FEATURES });
    if (items === undefined) continue;
    if (featureCount !== undefined && items.length !== featureCount) {
      check.report(path, `must have one number per feature (${featureCount}), got ${items.length}.`);
      continue;
    }
    items.forEach((item, i) => {
      const number =
        key === 'std'
          ? check.number(item, childPath(path, i), `a positive number within ${FLOAT32_RANGE}`, {
              exclusiveMin: 0,
              float32: true,
            })
          : check.number(item, childPath(path, i), FLOAT32_RULE, { float32: true });
      if (number !== undefined) lists[key].push(number);
    });
  }
  return check.issues.length > before ? undefined : lists;
}

function checkMetrics(check: JsonChecker, value: unknown, path: string): ModelMetrics | undefined {
  const keys = [
    'epochsRun',
    'bestEpoch',
    'interrupted',
    'trainLoss',
    'valLoss',
    'trainAccuracy',
    'valAccuracy',
    'valMse',
  ];
  const record = check.object(value, path, keys);
  if (record === undefined) return undefined;
  const at = (key: string) => childPath(path, key);
  const before = check.issues.length;

  const epochRule = `a whole number from 1 to ${MAX_EPOCHS}`;
  const epochRange = { integer: true, min: 1, max: MAX_EPOCHS };
  const epochsRun = check.number(record.epochsRun, at('epochsRun'), epochRule, epochRange);
  const bestEpoch = check.number(record.bestEpoch, at('bestEpoch'), epochRule, epochRange);
  const interrupted = check.boolean(record.interrupted, at('interrupted'));
  const trainLoss = check.number(record.trainLoss, at('trainLoss'), 'a number that is 0 or more', { min: 0 });
  const nullableNumber = (key: string, requirement: string, range: { min: number; max?: number }) =>
    record[key] === null ? null : check.number(record[key], at(key), `${requirement} or null`, range);
  const valLoss = nullableNumber('valLoss', 'a number that is 0 or more', { min: 0 });
  const trainAccuracy = nullableNumber('trainAccuracy', 'a share from 0 to 1', { min: 0, max: 1 });
  const valAccuracy = nullableNumber('valAccuracy', 'a share from 0 to 1', { min: 0, max: 1 });
  const valMse = nullableNumber('valMse', 'a number that is 0 or more', { min: 0 });

  if (epochsRun !== undefined && bestEpoch !== undefined && bestEpoch > epochsRun) {
    check.report(
      at('bestEpoch'),
      `must not be after the last epoch that ran (${epochsRun}), got ${bestEpoch}.`,
    );
  }
  if (
    check.issues.length > before ||
    epochsRun === undefined ||
    bestEpoch === undefined ||
    interrupted === undefined ||
    trainLoss === undefined ||
    valLoss === undefined ||
    trainAccuracy === undefined ||
    valAccuracy === undefined ||
    valMse === undefined
  ) {
    return undefined;
  }
  return { epochsRun, bestEpoch, interrupted, trainLoss, valLoss, trainAccuracy, valAccuracy, valMse };
}

function checkOutputWidth(
  check: JsonChecker,
  width: number,
  task: string,
  classes: string[] | null | undefined,
): void {
  if (task === 'multiclass') {
    if (classes !== undefined && classes !== null && width !== classes.length) {
      check.report('layers', `must end with ${classes.length} outputs, one per class, got ${width}.`);
    }
    return;
  }
  if (width !== 1) check.report('layers', `must end with 1 output for a ${task} model, got ${width}.`);
}
