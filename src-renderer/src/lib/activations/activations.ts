/**
 * The element-wise activation functions of the palette and their derivatives, for the
 * inspector's plots. At x = 0 the derivatives follow PyTorch's backward: ReLU's is 0 and
 * LeakyReLU's is the negative slope.
 */

import type { NodeType } from '../../../../engine/graph/types';

export type PlottedActivation = 'ReLU' | 'LeakyReLU' | 'Sigmoid' | 'Tanh';

export interface Activation {
  /** The formula as the course writes it. */
  formula: string;
  value: (x: number) => number;
  derivative: (x: number) => number;
}

/** Below this size a gradient counts as vanished: a layer before it learns next to nothing. */
export const VANISHING_GRADIENT = 0.02;

/** Returns true for the node types that get a plot. */
export function isPlottedActivation(kind: NodeType): kind is PlottedActivation {
  return kind === 'ReLU' || kind === 'LeakyReLU' || kind === 'Sigmoid' || kind === 'Tanh';
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Returns the function and derivative of an activation.
 *
 * @param negativeSlope LeakyReLU's slope for x < 0 (default 0.01, as in PyTorch).
 */
export function activation(kind: PlottedActivation, negativeSlope = 0.01): Activation {
  switch (kind) {
    case 'ReLU':
      return { formula: 'max(0, x)', value: (x) => Math.max(0, x), derivative: (x) => (x > 0 ? 1 : 0) };
    case 'LeakyReLU':
      return {
        formula: `x if x > 0, else ${negativeSlope}·x`,
        value: (x) => (x > 0 ? x : negativeSlope * x),
        derivative: (x) => (x > 0 ? 1 : negativeSlope),
      };
    case 'Sigmoid':
      return {
        formula: '1 / (1 + e^(−x))',
        value: sigmoid,
        derivative: (x) => sigmoid(x) * (1 - sigmoid(x)),
      };
    case 'Tanh':
      return { formula: 'tanh(x)', value: Math.tanh, derivative: (x) => 1 - Math.tanh(x) ** 2 };
  }
}

/** Samples `f` at `count` evenly spaced points of [from, to], both ends included. */
export function sample(f: (x: number) => number, from: number, to: number, count: number): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  for (let i = 0; i < count; i++) {
    const x = from + ((to - from) * i) / (count - 1);
    points.push({ x, y: f(x) });
  }
  return points;
}
