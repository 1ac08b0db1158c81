/**
 * `wiregrad predict`: prints a prediction for each row of a CSV file, taking the
 * model's feature columns by name.
 */

import {
  decimalCommaHint,
  describeMissing,
  describeRow,
  getColumn,
  type CsvTable,
} from '../../engine/data/csv';
import { DataError } from '../../engine/data/errors';
import { standardize } from '../../engine/data/standardize';
import { modelFromFile, type ModelFile } from '../../engine/model';
import { Tensor } from '../../engine/tensor/tensor';
import { predict, readPredictions, type Prediction } from '../../engine/train';
import { firstNonFiniteRow } from '../../engine/train/predict';
import type { ParsedArgs } from './args';
import { UserError } from './errors';
import type { CommandIo } from './train-command';
import { readCsv, readModelFile } from './input-files';
import { plural, printable } from './terminal-text';

/** Rows per forward pass, which bounds memory on a large file. */
const CHUNK_ROWS = 4096;

/** Quotes a CSV field when it contains a separator, a quote or a line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Gathers the model's feature columns from the table as row-major [rows, features]
 * float32 values, rejecting text and missing cells with their line.
 */
function gatherFeatures(table: CsvTable, model: ModelFile, csvPath: string): Float32Array {
  const columns = model.features.map((name) => {
    try {
      return getColumn(table, name, 'Feature');
    } catch (error) {
      if (error instanceof DataError) {
        // The engine's message repeats the missing name first; keep only its list of columns.
        const columns = error.message.replace(/^.*? not found\. /, '');
        throw new UserError(`The model needs column '${name}', which '${csvPath}' lacks. ${columns}`);
      }
      throw error;
    }
  });

  for (const column of columns) {
    if (column.firstText !== null) {
      const { rowIndex, text } = column.firstText;
      throw new UserError(
        `In '${csvPath}', ${describeRow(table, rowIndex)}, column '${column.name}' contains '${text}', ` +
          `which is not a number.${decimalCommaHint(text)} The model needs numbers in every feature column.`,
      );
    }
    if (column.firstMissing !== null) {
      const { rowIndex, text } = column.firstMissing;
      const count = plural(column.missingCount, 'row');
      throw new UserError(
        `In '${csvPath}', ${describeRow(table, rowIndex)}, column '${column.name}' ${describeMissing(text)} ` +
          `(${count} in all). Fill in the cells or remove those rows.`,
      );
    }
  }

  const featureCount = columns.length;
  const x = new Float32Array(table.rowCount * featureCount);
  columns.forEach((column, j) => {
    for (let i = 0; i < table.rowCount; i += 1) x[i * featureCount + j] = column.values[i];
  });
  return x;
}

/**
 * Throws for a feature that standardisation took beyond the range of float32, such as a
 * value far from the model's mean with a tiny std, which would become a NaN prediction.
 */
function checkStandardized(x: Float32Array, table: CsvTable, model: ModelFile, csvPath: string): void {
  const index = x.findIndex((value) => !Number.isFinite(value));
  if (index < 0) return;

  const featureCount = model.features.length;
  const rowIndex = Math.floor(index / featureCount);
  const name = model.features[index % featureCount];
  throw new UserError(
    `In '${csvPath}', ${describeRow(table, rowIndex)}, column '${name}' is too large for a 32-bit float ` +
      "after standardisation with the model's mean and std. " +
      'Check that the model was trained on data like this.',
  );
}

/** Throws for the first row of a chunk whose output is NaN or infinite, which has no prediction. */
function checkOutputs(output: Tensor, table: CsvTable, start: number, csvPath: string): void {
  const row = firstNonFiniteRow(output);
  if (row < 0) return;

  throw new UserError(
    `In '${csvPath}', ${describeRow(table, start + row)}, the model's output is not a finite number, ` +
      "so the row has no prediction. Its inputs or the model's weights are too large for 32-bit floats. " +
      'Check that the model was trained on data like this.',
  );
}

/** Formats one prediction as CSV fields after the row number. */
function formatPrediction(prediction: Prediction): string {
  if (prediction.kind === 'value') return String(Number(prediction.value.toPrecision(6)));
  return `${csvField(printable(prediction.label))},${prediction.probability.toFixed(4)}`;
}

/**
 * Runs `wiregrad predict` and returns the exit code. Prints a CSV header, then one line
 * per data row: `row,predicted_<target>,probability` for classifiers and
 * `row,predicted_<target>` for regression.
 *
 * @throws UserError for a missing or invalid model file or CSV file.
 */
export async function runPredict(args: ParsedArgs, io: CommandIo): Promise<number> {
  if (args.positionals.length !== 2) {
    const count = plural(args.positionals.length, 'argument');
    throw new UserError(
      `'wiregrad predict' takes a model file and a CSV file, got ${count}. Run 'wiregrad predict --help'.`,
    );
  }
  const [modelPath, csvPath] = args.positionals;
  const file = await readModelFile(modelPath);
  const table = await readCsv(csvPath);
  const x = gatherFeatures(table, file, csvPath);
  if (file.standardization !== null) {
    standardize(x, file.standardization);
    checkStandardized(x, table, file, csvPath);
  }

  const model = modelFromFile(file);
  const featureCount = file.features.length;
  const header = ['row', `predicted_${printable(file.target)}`];
  if (file.task !== 'regression') header.push('probability');
  const lines: string[] = [header.map(csvField).join(',')];

  for (let start = 0; start < table.rowCount; start += CHUNK_ROWS) {
    const end = Math.min(table.rowCount, start + CHUNK_ROWS);
    const rows = x.subarray(start * featureCount, end * featureCount);
    const input = new Tensor(rows, [end - start, featureCount]);
    const output = predict(model, input);
    checkOutputs(output, table, start, csvPath);
    const predictions = readPredictions(output, file);
    predictions.forEach((prediction, i) => lines.push(`${start + i + 1},${formatPrediction(prediction)}`));
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
