/**
 * Imported model files: validated and rebuilt once, kept by id, and used to predict on
 * uploaded CSV files.
 */

import { randomUUID } from 'node:crypto';
import {
  cellText,
  describeRow,
  getColumn,
  isMissing,
  parseCsv,
  type CsvColumn,
  type CsvTable,
} from '../../engine/data/csv';
import { DataError } from '../../engine/data/errors';
import { countLayerParameters, describeLayer } from '../../engine/graph/layer-spec';
import { modelFromFile, parseModelFile, type ModelFile } from '../../engine/model';
import type { Sequential } from '../../engine/nn';
import { JsonValidationError } from '../../engine/project/json-checks';
import { Tensor } from '../../engine/tensor';
import { predict, readPredictions } from '../../engine/train';
import { invalidFileMessage, UserFacingError } from './errors';
import type { ModelSummary, PredictionResult } from './protocol';

/** Imported models kept at once; importing one more drops the oldest. */
const MAX_KEPT_MODELS = 10;

interface StoredModel {
  file: ModelFile;
  model: Sequential;
}

export class ModelStore {
  private readonly models = new Map<string, StoredModel>();

  /** Validates a model file's text, rebuilds the model and returns its summary. */
  importModel(fileName: string, text: string): ModelSummary {
    const file = parseNamedModelFile(fileName, text);
    const model = modelFromFile(file);

    const modelId = randomUUID();
    this.models.set(modelId, { file, model });
    if (this.models.size > MAX_KEPT_MODELS) {
      const oldest = this.models.keys().next().value;
      if (oldest !== undefined) this.models.delete(oldest);
    }

    return {
      modelId,
      fileName,
      name: file.name,
      task: file.task,
      features: file.features,
      target: file.target,
      classes: file.classes,
      parameterCount: file.layers.reduce((sum, layer) => sum + countLayerParameters(layer), 0),
      layers: file.layers.map(describeLayer),
      metrics: file.metrics,
    };
  }

  /** Returns an imported model by id, or throws when it is no longer kept. */
  find(modelId: string): StoredModel {
    const stored = this.models.get(modelId);
    if (stored === undefined) throw new UserFacingError('This model is no longer loaded. Import the model file again.');
    return stored;
  }

  /**
   * Predicts every row of a CSV with an imported model. The CSV needs the model's
   * feature columns, in any order. When it also has the target column, the result
   * includes the true values and the accuracy or MSE.
   */
  predict(modelId: string, fileName: string, text: string): PredictionResult {
    const stored = this.models.get(modelId);
    if (stored === undefined) throw new UserFacingError('This model is no longer loaded. Import the model file again.');
    const { file, model } = stored;

    const { table, columns } = readFeatureColumns(fileName, text, file.features);
    const featureCount = columns.length;
    const x = new Float32Array(table.rowCount * featureCount);
    for (let r = 0; r < table.rowCount; r++) {
      columns.forEach((column, j) => {
        if (isMissing(column, r) || Number.isNaN(column.values[r])) {
          throw new DataError(
            'missing-values',
            `${fileName}: ${describeRow(table, r)} has no number in column '${column.name}', ` +
              'so the model cannot predict it. Fill in the cell or remove the row.',
            { column: column.name, rowIndex: r, line: table.lines[r] },
          );
        }
        const standardization = file.standardization;
        const value = column.values[r];
        x[r * featureCount + j] =
          standardization === null ? value : (value - standardization.mean[j]) / standardization.std[j];
      });
    }

    const output = predict(model, new Tensor(x, [table.rowCount, featureCount]));
    const predictions = readPredictions(output, { task: file.task, classes: file.classes, layers: file.layers });
    const predictionTexts = predictions.map((prediction) =>
      prediction.kind === 'class' ? prediction.label : String(Number(prediction.value.toPrecision(6))),
    );
    const probabilities =
      file.task === 'regression'
        ? null
        : predictions.map((prediction) => (prediction.kind === 'class' ? prediction.probability : Number.NaN));
    const result = { rowCount: table.rowCount, predictions: predictionTexts, probabilities };

    const targetIndex = table.names.indexOf(file.target);
    if (targetIndex < 0) return { ...result, actual: null, score: null };

    const targetColumn = table.columns[targetIndex];
    const actual = Array.from({ length: table.rowCount }, (_, r) => cellText(targetColumn, r));
    return { ...result, actual, score: score(file, predictions, targetColumn.values, actual) };
  }
}

/** Parses a model file; a validation error names the file. */
function parseNamedModelFile(fileName: string, text: string): ModelFile {
  try {
    return parseModelFile(text);
  } catch (error) {
    if (!(error instanceof JsonValidationError)) throw error;
    throw new UserFacingError(invalidFileMessage(fileName, 'model', error.issues));
  }
}

/** Parses a CSV and finds the model's feature columns; a data error names the file. */
function readFeatureColumns(
  fileName: string,
  text: string,
  features: string[],
): { table: CsvTable; columns: CsvColumn[] } {
  try {
    const table = parseCsv(text);
    const columns = features.map((name) => getColumn(table, name, 'Feature (needed by the model)'));
    return { table, columns };
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    throw new UserFacingError(`${fileName}: ${error.message}`);
  }
}

function score(
  file: ModelFile,
  predictions: ReturnType<typeof readPredictions>,
  targetValues: Float32Array,
  actual: string[],
): PredictionResult['score'] {
  let total = 0;
  let counted = 0;
  predictions.forEach((prediction, r) => {
    if (actual[r] === '') return;
    counted += 1;
    if (prediction.kind === 'class') total += prediction.label === actual[r] ? 1 : 0;
    else total += (prediction.value - targetValues[r]) ** 2;
  });

  if (counted === 0) return null;
  return { name: file.task === 'regression' ? 'mse' : 'accuracy', value: total / counted };
}
