/**
 * Generated data sets with two features, for drawing decision boundaries as TensorFlow
 * Playground does: two moons, circles, a spiral and XOR, each with a noise level and a seed.
 * Features are in roughly [−1.5, 1.5]; the target is class 0 or 1.
 */

import { Generator } from '../tensor/random';

export type TwoFeatureShape = 'moons' | 'circles' | 'spiral' | 'xor';

export const TWO_FEATURE_SHAPES: readonly TwoFeatureShape[] = ['moons', 'circles', 'spiral', 'xor'];

export interface TwoFeatureOptions {
  shape: TwoFeatureShape;
  /** Number of points, half of each class (default 200). */
  samples?: number;
  /** Standard deviation of Gaussian noise added to each feature (default 0.1). */
  noise?: number;
  seed?: number;
}

/** Generates the points as CSV text with columns x1, x2 and label (0 or 1). */
export function twoFeatureCsv(options: TwoFeatureOptions): string {
  const { x, labels } = generateTwoFeature(options);
  const lines = ['x1,x2,label'];
  for (let i = 0; i < labels.length; i++) {
    lines.push(`${x[2 * i].toFixed(5)},${x[2 * i + 1].toFixed(5)},${labels[i]}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Generates the points: x is [samples, 2] row-major, labels one 0 or 1 per point. */
export function generateTwoFeature(options: TwoFeatureOptions): { x: Float32Array; labels: Int32Array } {
  const { shape, samples = 200, noise = 0.1, seed = 0 } = options;
  if (!Number.isInteger(samples) || samples < 2 || samples > 100_000) {
    throw new RangeError(`two-feature data: samples must be a whole number from 2 to 100000, got ${samples}`);
  }
  if (!(noise >= 0 && noise <= 2)) throw new RangeError(`two-feature data: noise must be from 0 to 2, got ${noise}`);
  if (!TWO_FEATURE_SHAPES.includes(shape)) {
    throw new RangeError(`two-feature data: shape must be one of ${TWO_FEATURE_SHAPES.join(', ')}, got ${String(shape)}`);
  }

  const generator = new Generator(seed);
  const x = new Float32Array(samples * 2);
  const labels = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const label = i % 2;
    const [a, b] = point(shape, label, generator);
    x[2 * i] = a + noise * generator.normal();
    x[2 * i + 1] = b + noise * generator.normal();
    labels[i] = label;
  }
  return { x, labels };
}

function point(shape: TwoFeatureShape, label: number, generator: Generator): [number, number] {
  const t = generator.random();
  switch (shape) {
    case 'moons': {
      // Two interleaved half circles, shifted so they centre on the origin.
      const angle = Math.PI * t;
      return label === 0
        ? [Math.cos(angle) - 0.5, Math.sin(angle) - 0.25]
        : [1 - Math.cos(angle) - 0.5, 0.5 - Math.sin(angle) - 0.25];
    }
    case 'circles': {
      const angle = 2 * Math.PI * t;
      const radius = label === 0 ? 1 : 0.5;
      return [radius * Math.cos(angle), radius * Math.sin(angle)];
    }
    case 'spiral': {
      const radius = 0.1 + 1.3 * t;
      const angle = 3 * Math.PI * t + label * Math.PI;
      return [radius * Math.cos(angle), radius * Math.sin(angle)];
    }
    case 'xor': {
      // Class 0 in the quadrants where both features share a sign, class 1 in the others.
      const first = generator.uniform(0.05, 1) * (generator.random() < 0.5 ? -1 : 1);
      const second = generator.uniform(0.05, 1) * Math.sign(first) * (label === 0 ? 1 : -1);
      return [first, second];
    }
  }
}
