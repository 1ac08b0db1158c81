/** Reading a decision boundary at data points. */

import type { DecisionBoundary } from '../../../../src-main/backend/insight-types';

/** Returns the class the boundary predicts at (x, y), from the grid cell that contains it. */
export function classAt(boundary: DecisionBoundary, x: number, y: number): number {
  const { size } = boundary;
  const column = Math.floor(((x - boundary.xMin) / (boundary.xMax - boundary.xMin)) * size);
  const row = Math.floor(((boundary.yMax - y) / (boundary.yMax - boundary.yMin)) * size);
  const clamp = (value: number): number => Math.min(size - 1, Math.max(0, value));
  return boundary.classIndex[clamp(row) * size + clamp(column)];
}

/** Counts the points whose label is the class the boundary predicts at their grid cell. */
export function pointsOnTheirSide(boundary: DecisionBoundary, points: readonly [number, number, number][]): number {
  return points.filter(([x, y, label]) => classAt(boundary, x, y) === label).length;
}
