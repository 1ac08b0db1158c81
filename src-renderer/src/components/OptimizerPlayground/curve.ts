/** Geometry of the playground's plot of f(x) = x⁴ + x³ − 5x², in SVG user units. */

import { playgroundFunction } from '../../../../engine/playground/optimizer-path';

export const WIDTH = 360;
export const HEIGHT = 220;
export const X_RANGE = [-3, 3] as const;
/** f is clipped to this range so both minima stay visible; f(3) = 63 would flatten them. */
export const Y_RANGE = [-13, 20] as const;

/** Maps x to the plot's horizontal coordinate. */
export function toPlotX(x: number): number {
  return ((x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0])) * WIDTH;
}

/** Maps f(x) to the plot's vertical coordinate, clipped to the plot. */
export function toPlotY(y: number): number {
  const clipped = Math.min(Y_RANGE[1], Math.max(Y_RANGE[0], y));
  return HEIGHT - ((clipped - Y_RANGE[0]) / (Y_RANGE[1] - Y_RANGE[0])) * HEIGHT;
}

/** SVG path of f over the plot's x range. */
export function curvePath(samples = 120): string {
  const points: string[] = [];
  for (let i = 0; i <= samples; i++) {
    const x = X_RANGE[0] + ((X_RANGE[1] - X_RANGE[0]) * i) / samples;
    points.push(`${toPlotX(x).toFixed(1)},${toPlotY(playgroundFunction(x)).toFixed(1)}`);
  }
  return `M${points.join('L')}`;
}

/** Point of the plot for an optimizer's x, kept on the plot's edge when x is outside it. */
export function plotPoint(x: number): { x: number; y: number; outside: boolean } {
  const outside = !Number.isFinite(x) || x < X_RANGE[0] || x > X_RANGE[1];
  const shown = Number.isFinite(x) ? Math.min(X_RANGE[1], Math.max(X_RANGE[0], x)) : X_RANGE[1];
  return { x: toPlotX(shown), y: toPlotY(playgroundFunction(shown)), outside };
}
