/**
 * The decision boundary of a classifier with two features: its class probabilities on a
 * grid that covers the data, as TensorFlow Playground draws them under the points.
 */

import type { PreparedData } from '../../../engine/data/prepare';
import type { LayerSpec } from '../../../engine/graph/layer-spec';
import type { Sequential } from '../../../engine/nn';
import { Tensor } from '../../../engine/tensor';
import { predict, readPredictions } from '../../../engine/train';
import { MAX_BOUNDARY_POINTS, type BoundaryPoints, type DecisionBoundary } from '../insight-types';

/** Cells per side of the grid. */
export const BOUNDARY_GRID_SIZE = 50;

/** Share of the data's range added on each side of the grid. */
const MARGIN = 0.1;

/** Returns true when the data has exactly two features and a class target. */
export function hasDecisionBoundary(data: PreparedData): boolean {
  return data.features.length === 2 && data.task !== 'regression';
}

/** Training rows in the features' own units, undoing standardisation; at most `MAX_BOUNDARY_POINTS`. */
export function boundaryPoints(data: PreparedData): BoundaryPoints {
  const step = Math.max(1, Math.ceil(data.nTrain / MAX_BOUNDARY_POINTS));
  const points: [number, number, number][] = [];
  for (let i = 0; i < data.nTrain; i += step) {
    const [x, y] = rawFeatures(data, i);
    points.push([x, y, data.trainY[i]]);
  }
  return { features: [data.features[0], data.features[1]], classes: data.classes ?? ['0', '1'], points };
}

function rawFeatures(data: PreparedData, row: number): [number, number] {
  const x = data.trainX[2 * row] * data.featureStd[0] + data.featureMean[0];
  const y = data.trainX[2 * row + 1] * data.featureStd[1] + data.featureMean[1];
  return [x, y];
}

/** Range of the training rows on each feature, widened by `MARGIN`. */
export function boundaryRange(data: PreparedData): Pick<DecisionBoundary, 'xMin' | 'xMax' | 'yMin' | 'yMax'> {
  let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < data.nTrain; i++) {
    const [x, y] = rawFeatures(data, i);
    [xMin, xMax, yMin, yMax] = [Math.min(xMin, x), Math.max(xMax, x), Math.min(yMin, y), Math.max(yMax, y)];
  }
  const xPad = Math.max(xMax - xMin, 1e-6) * MARGIN;
  const yPad = Math.max(yMax - yMin, 1e-6) * MARGIN;
  return { xMin: xMin - xPad, xMax: xMax + xPad, yMin: yMin - yPad, yMax: yMax + yPad };
}

/** Runs the model on the centre of every grid cell, in evaluation mode, and reads its classes. */
export function decisionBoundary(
  model: Sequential,
  layers: readonly LayerSpec[],
  data: PreparedData,
  range: Pick<DecisionBoundary, 'xMin' | 'xMax' | 'yMin' | 'yMax'>,
): DecisionBoundary {
  const size = BOUNDARY_GRID_SIZE;
  const input = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    const y = range.yMax - ((row + 0.5) / size) * (range.yMax - range.yMin);
    for (let column = 0; column < size; column++) {
      const x = range.xMin + ((column + 0.5) / size) * (range.xMax - range.xMin);
      const cell = row * size + column;
      input[2 * cell] = (x - data.featureMean[0]) / data.featureStd[0];
      input[2 * cell + 1] = (y - data.featureMean[1]) / data.featureStd[1];
    }
  }

  const output = predict(model, new Tensor(input, [size * size, 2]));
  const predictions = readPredictions(output, { task: data.task, classes: data.classes, layers });
  const classIndex: number[] = [];
  const confidence: number[] = [];
  for (const prediction of predictions) {
    const known = prediction.kind === 'class' && Number.isFinite(prediction.probability);
    classIndex.push(prediction.kind === 'class' ? prediction.classIndex : 0);
    confidence.push(known && prediction.kind === 'class' ? prediction.probability : 0);
  }
  return { size, ...range, classIndex, confidence };
}
