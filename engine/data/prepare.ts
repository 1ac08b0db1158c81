import type { Task } from '../project/types';
import {
  decimalCommaHint,
  describeRow,
  getColumn,
  isMissing,
  type CsvColumn,
  type CsvTable,
} from './csv/table';
import { DataError } from './errors';
import { encodeLabels } from './labels';
import { splitRows } from './split';
import { featureStats, standardize, type FeatureStats } from './standardize';

const TASKS: readonly Task[] = ['regression', 'binary', 'multiclass'];
/** Rows with missing values that an error message lists before "and N more". */
const LISTED_MISSING_ROWS = 5;

export interface PrepareSettings {
  /** Feature column names, in the order the model's input receives them. */
  features: string[];
  target: string;
  task: Task;
  /** Standardise features with the training split's mean and population std. */
  standardize: boolean;
  /** Drop rows with a missing feature or target instead of throwing a DataError. */
  dropMissing?: boolean;
  /** Share of the rows held out for validation, in [0, 1). */
  validationSplit: number;
  /** Integer seed of the train/validation split. */
  seed: number;
}

/** Training and validation arrays, ready to become tensors. */
export interface PreparedData {
  /** Row-major features of shape [nTrain, features.length]. */
  trainX: Float32Array;
  /** Class indices (multiclass), 0/1 (binary) or values (regression), length nTrain. */
  trainY: Float32Array | Int32Array;
  /** Row-major features of shape [nVal, features.length]. */
  valX: Float32Array;
  valY: Float32Array | Int32Array;
  nTrain: number;
  nVal: number;
  features: string[];
  target: string;
  task: Task;
  /** Per-feature mean subtracted from the inputs: 0 when `standardize` is off. */
  featureMean: number[];
  /** Per-feature std the inputs were divided by: 1 when `standardize` is off. */
  featureStd: number[];
  /** Class names by index for classification (binary: [negative, positive]), else null. */
  classes: string[] | null;
  /** 0-based table row of each training sample. */
  trainRows: Int32Array;
  /** 0-based table row of each validation sample. */
  valRows: Int32Array;
}

interface EncodedTarget {
  /** Class index or value for each table row; rows left out are NaN or -1. */
  perRow: Float32Array | Int32Array;
  classes: string[] | null;
}

/**
 * Turns a parsed table into training and validation arrays. It checks the settings and
 * the chosen columns, drops or reports rows with missing values, encodes the target,
 * splits the rows at random with `seed`, and standardises the features when asked to.
 * Throws a DataError that names the column and row for every problem a user can cause.
 */
export function prepareData(table: CsvTable, settings: PrepareSettings): PreparedData {
  checkSettings(settings);
  const featureColumns = settings.features.map((name) => getColumn(table, name, 'Feature'));
  const targetColumn = getColumn(table, settings.target, 'Target');
  checkTargetIsNotFeature(settings);
  for (const column of featureColumns) checkNumeric(table, column, 'feature');
  if (settings.task === 'regression') checkNumeric(table, targetColumn, 'target');

  const rows = selectRows(table, [...featureColumns, targetColumn], settings.dropMissing ?? false);
  const target = encodeTarget(targetColumn, rows, settings.task);
  const split = splitRows(rows, settings.validationSplit, settings.seed);

  const trainX = gatherFeatures(featureColumns, split.train);
  const valX = gatherFeatures(featureColumns, split.val);
  const featureCount = featureColumns.length;
  let stats: FeatureStats = {
    mean: new Array<number>(featureCount).fill(0),
    std: new Array<number>(featureCount).fill(1),
  };
  if (settings.standardize) {
    stats = featureStats(trainX, featureCount);
    standardize(trainX, stats);
    standardize(valX, stats);
  }

  return {
    trainX,
    trainY: gatherTarget(target.perRow, split.train),
    valX,
    valY: gatherTarget(target.perRow, split.val),
    nTrain: split.train.length,
    nVal: split.val.length,
    features: [...settings.features],
    target: settings.target,
    task: settings.task,
    featureMean: stats.mean,
    featureStd: stats.std,
    classes: target.classes,
    trainRows: split.train,
    valRows: split.val,
  };
}

function checkSettings(settings: PrepareSettings): void {
  const invalid = (message: string) => new DataError('invalid-settings', message);
  if (!TASKS.includes(settings.task)) {
    throw invalid(`Task must be one of ${TASKS.join(', ')}, but it is '${settings.task}'.`);
  }
  if (settings.features.length === 0) throw invalid('Choose at least one feature column.');

  const seen = new Set<string>();
  for (const name of settings.features) {
    if (seen.has(name)) {
      throw new DataError(
        'invalid-settings',
        `Feature column '${name}' is listed twice. List each feature once.`,
        { column: name },
      );
    }
    seen.add(name);
  }

  const split = settings.validationSplit;
  if (!(split >= 0 && split < 1)) {
    throw invalid(`The validation split must be at least 0 and less than 1, but it is ${split}.`);
  }
  if (!Number.isInteger(settings.seed)) {
    throw invalid(`The seed must be an integer, but it is ${settings.seed}.`);
  }
}

function checkTargetIsNotFeature(settings: PrepareSettings): void {
  if (!settings.features.includes(settings.target)) return;
  throw new DataError(
    'target-is-feature',
    `Column '${settings.target}' is both the target and a feature. Remove it from the ` +
      'features, because the model must not be given the value it has to predict.',
    { column: settings.target },
  );
}

const NUMERIC_ROLES = {
  feature: { noun: 'a feature', rule: 'Feature columns must contain only numbers' },
  target: { noun: 'the regression target', rule: 'A regression target must contain only numbers' },
};

/** Throws when a column that must contain numbers has a text cell. */
function checkNumeric(table: CsvTable, column: CsvColumn, role: keyof typeof NUMERIC_ROLES): void {
  const first = column.firstText;
  if (first === null) return;

  const { noun, rule } = NUMERIC_ROLES[role];
  const line = table.lines[first.rowIndex];
  const where = { column: column.name, rowIndex: first.rowIndex, line };
  const numberCount = table.rowCount - column.missingCount - column.textCount;
  const decimalComma = decimalCommaHint(first.text);
  if (numberCount === 0) {
    const fix =
      role === 'feature'
        ? 'Use the column as the target, or leave it out.'
        : "Choose the task 'binary' or 'multiclass' to predict labels, or a numeric target.";
    throw new DataError(
      'text-column',
      `Column '${column.name}' contains text (such as '${first.text}' on line ${where.line} ` +
        `of the file), so it cannot be ${noun}.${decimalComma} ${rule}. ${fix}`,
      where,
    );
  }

  const others = column.textCount - 1;
  let more = '';
  if (others === 1) more = ' 1 more cell in this column is not a number either.';
  if (others > 1) more = ` ${others} more cells in this column are not numbers either.`;
  throw new DataError(
    'not-a-number',
    `${capitalize(describeRow(table, first.rowIndex))}, column '${column.name}': ` +
      `'${first.text}' is not a number.${decimalComma} ${rule}, so correct the cell, or ` +
      'empty it and turn on "drop rows with missing values" (dropMissing in the project file).' +
      more,
    where,
  );
}

function encodeTarget(column: CsvColumn, rows: Int32Array, task: Task): EncodedTarget {
  if (task === 'regression') return { perRow: column.values, classes: null };

  const { classes, indices } = encodeLabels(column, rows);
  const shown = classes.slice(0, 10).map((label) => `'${label}'`).join(', ');
  const more = classes.length > 10 ? ` and ${classes.length - 10} more` : '';
  if (task === 'binary' && classes.length !== 2) {
    throw new DataError(
      'bad-target',
      `A binary target needs exactly two distinct values, but '${column.name}' has ` +
        `${classes.length}: ${shown}${more}. Choose the task 'multiclass', or a target ` +
        'with two values.',
      { column: column.name },
    );
  }
  if (classes.length < 2) {
    throw new DataError(
      'bad-target',
      `The target '${column.name}' has only ${shown}, ` +
        'but a classifier needs at least two classes. Choose another target column.',
      { column: column.name },
    );
  }
  const perRow = task === 'binary' ? Float32Array.from(indices, (i) => (i < 0 ? NaN : i)) : indices;
  return { perRow, classes };
}

/** Returns the rows without missing values in `columns`, or throws unless `dropMissing`. */
function selectRows(table: CsvTable, columns: CsvColumn[], dropMissing: boolean): Int32Array {
  const kept = new Int32Array(table.rowCount);
  let keptCount = 0;
  const listed: { rowIndex: number; column: string }[] = [];
  let missingCount = 0;

  for (let r = 0; r < table.rowCount; r++) {
    const column = columns.find((c) => isMissing(c, r));
    if (column === undefined) {
      kept[keptCount++] = r;
      continue;
    }
    missingCount++;
    if (listed.length < LISTED_MISSING_ROWS) listed.push({ rowIndex: r, column: column.name });
  }

  if (missingCount > 0 && !dropMissing) {
    const rows = listed.map((m) => `${describeRow(table, m.rowIndex)} in column '${m.column}'`);
    const more = missingCount > listed.length ? ` and ${missingCount - listed.length} more` : '';
    const first = listed[0];
    const count =
      missingCount === 1 ? '1 row has a missing value' : `${missingCount} rows have missing values`;
    throw new DataError(
      'missing-values',
      `${count} (an empty cell, NA, NaN, ? or null) in the chosen columns: ` +
        `${rows.join('; ')}${more}. ` +
        'Turn on "drop rows with missing values" (dropMissing) to leave these rows out, ' +
        'or fill in the cells.',
      { column: first.column, rowIndex: first.rowIndex, line: table.lines[first.rowIndex] },
    );
  }
  if (keptCount === 0) {
    throw new DataError(
      'no-data-rows',
      `Every row has a missing value in the chosen columns, so no rows are left after ` +
        'dropping them. Choose other columns or fill in the missing cells.',
    );
  }
  return kept.subarray(0, keptCount);
}

function gatherFeatures(columns: CsvColumn[], rows: Int32Array): Float32Array {
  const featureCount = columns.length;
  const x = new Float32Array(rows.length * featureCount);
  columns.forEach((column, j) => {
    for (let i = 0; i < rows.length; i++) x[i * featureCount + j] = column.values[rows[i]];
  });
  return x;
}

function gatherTarget(
  perRow: Float32Array | Int32Array,
  rows: Int32Array,
): Float32Array | Int32Array {
  const y =
    perRow instanceof Int32Array ? new Int32Array(rows.length) : new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) y[i] = perRow[rows[i]];
  return y;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
