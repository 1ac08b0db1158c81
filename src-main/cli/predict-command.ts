/**
 * `wiregrad predict`: prints a prediction for each row of a CSV file, taking the
 * model's feature columns by name.
 */

import { getColumn, isMissing, describeRow, type CsvTable } from '../../engine/data/csv';
import { DataError } from '../../engine/data/errors';
import { standardize } from '../../engine/data/standardize';
import { modelFromFile, type ModelFile } from '../../engine/model';
import { Tensor } from '../../engine/tensor/tensor';
import { predict, readPredictions, type Prediction } from '../../engine/train';
import type { ParsedArgs } from './args';
import { UserError } from './errors';
import type { CommandIo } from './train-command';
import { readCsv, readModelFile } from './input-files';

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
        throw new UserError(`The model needs column '${name}', which '${csvPath}' lacks. ${error.message}`);
      }
      throw error;
    }
  });

  for (const column of columns) {
    if (column.firstText !== null) {
      const { rowIndex, text } = column.firstText;
      throw new UserError(
        `In '${csvPath}', ${describeRow(table, rowIndex)}, column '${column.name}' contains '${text}', ` +
          'which is not a number. The model needs numbers in every feature column.',
      );
    }
    if (column.missingCount > 0) {
      let rowIndex = 0;
      while (!isMissing(column, rowIndex)) rowIndex += 1;
      throw new UserError(
        `In '${csvPath}', ${describeRow(table, rowIndex)}, column '${column.name}' is empty or missing ` +
          `(${column.missingCount} rows in all). Fill in the cells or remove those rows.`,
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

/** Formats one prediction as CSV fields after the row number. */
function formatPrediction(prediction: Prediction): string {
  if (prediction.kind === 'value') return String(Number(prediction.value.toPrecision(6)));
  return `${csvField(prediction.label)},${prediction.probability.toFixed(4)}`;
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
    throw new UserError(
      `'wiregrad predict' takes a model file and a CSV file, got ${args.positionals.length} arguments. ` +
        "Run 'wiregrad predict --help'.",
    );
  }
  const [modelPath, csvPath] = args.positionals;
  const file = await readModelFile(modelPath);
  const table = await readCsv(csvPath);
  const x = gatherFeatures(table, file, csvPath);
  if (file.standardization !== null) standardize(x, file.standardization);

  const model = modelFromFile(file);
  const featureCount = file.features.length;
  const header = ['row', `predicted_${file.target}`];
  if (file.task !== 'regression') header.push('probability');
  const lines: string[] = [header.map(csvField).join(',')];

  for (let start = 0; start < table.rowCount; start += CHUNK_ROWS) {
    const end = Math.min(table.rowCount, start + CHUNK_ROWS);
    const rows = x.subarray(start * featureCount, end * featureCount);
    const input = new Tensor(rows, [end - start, featureCount]);
    const predictions = readPredictions(predict(model, input), file);
    predictions.forEach((prediction, i) => lines.push(`${start + i + 1},${formatPrediction(prediction)}`));
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
