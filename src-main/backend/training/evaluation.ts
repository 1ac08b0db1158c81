/**
 * Evaluation of a trained model for the results panel: confusion matrix and
 * misclassified samples for classification, predicted-versus-true points for regression.
 */

import { cellText, getColumn, type CsvTable } from '../../../engine/data/csv';
import type { PreparedData } from '../../../engine/data/prepare';
import type { LayerSpec } from '../../../engine/graph/layer-spec';
import type { Sequential } from '../../../engine/nn';
import { Tensor } from '../../../engine/tensor';
import { predict, readPredictions } from '../../../engine/train';
import { MAX_LISTED_MISCLASSIFIED, type Evaluation, type MisclassifiedSample } from '../protocol';

/** Most points a regression plot gets; larger splits are thinned evenly, the MSE uses all rows. */
const MAX_PLOT_POINTS = 2000;

/**
 * Evaluates the model on the validation rows, or on the training rows when the
 * validation share is 0. `table` is the table `data` was prepared from; the misclassified
 * samples show its cells, not the standardised inputs.
 */
export function evaluateModel(
  model: Sequential,
  layers: LayerSpec[],
  data: PreparedData,
  table: CsvTable,
): Evaluation {
  const useValidation = data.nVal > 0;
  const split = useValidation ? 'validation' : 'training';
  const x = useValidation ? data.valX : data.trainX;
  const y = useValidation ? data.valY : data.trainY;
  const rows = useValidation ? data.valRows : data.trainRows;
  const n = useValidation ? data.nVal : data.nTrain;
  const featureCount = data.features.length;

  const output = predict(model, new Tensor(x, [n, featureCount]));
  const predictions = readPredictions(output, { task: data.task, classes: data.classes, layers });

  if (data.task === 'regression') {
    let squaredErrorSum = 0;
    const points: { actual: number; predicted: number }[] = [];
    const step = Math.max(1, Math.ceil(n / MAX_PLOT_POINTS));
    predictions.forEach((prediction, i) => {
      const predicted = prediction.kind === 'value' ? prediction.value : Number.NaN;
      squaredErrorSum += (predicted - y[i]) ** 2;
      if (i % step === 0) points.push({ actual: y[i], predicted });
    });
    return { task: 'regression', split, points, mse: n === 0 ? Number.NaN : squaredErrorSum / n, target: data.target };
  }

  const classes = data.classes ?? [];
  const featureColumns = data.features.map((name) => getColumn(table, name, 'Feature'));
  const confusion = classes.map(() => new Array<number>(classes.length).fill(0));
  const misclassified: MisclassifiedSample[] = [];
  let misclassifiedCount = 0;

  predictions.forEach((prediction, i) => {
    if (prediction.kind !== 'class') return;
    const actual = y[i];
    confusion[actual][prediction.classIndex] += 1;
    if (actual === prediction.classIndex) return;

    misclassifiedCount += 1;
    if (misclassified.length >= MAX_LISTED_MISCLASSIFIED) return;
    misclassified.push({
      row: rows[i] + 1,
      actual: classes[actual],
      predicted: prediction.label,
      confidence: prediction.probability,
      features: featureColumns.map((column) => cellText(column, rows[i])),
    });
  });

  return {
    task: data.task,
    split,
    classes,
    confusion,
    accuracy: n === 0 ? Number.NaN : (n - misclassifiedCount) / n,
    misclassified,
    misclassifiedCount,
    features: data.features,
  };
}
