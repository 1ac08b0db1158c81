import { describe, expect, it } from 'vitest';
import { generateTwoFeature, TWO_FEATURE_SHAPES, twoFeatureCsv } from '../../engine/data/two-feature';
import { parseCsv } from '../../engine/data/csv';

describe('two-feature data sets', () => {
  it.each(TWO_FEATURE_SHAPES)('%s has balanced labels in range', (shape) => {
    const { x, labels } = generateTwoFeature({ shape, samples: 400, noise: 0.05, seed: 1 });
    expect(labels.filter((label) => label === 1)).toHaveLength(200);
    expect(Math.max(...x.map(Math.abs))).toBeLessThan(2);
  });

  it('reproduces one seed exactly', () => {
    expect(twoFeatureCsv({ shape: 'spiral', seed: 4 })).toBe(twoFeatureCsv({ shape: 'spiral', seed: 4 }));
    expect(twoFeatureCsv({ shape: 'spiral', seed: 4 })).not.toBe(twoFeatureCsv({ shape: 'spiral', seed: 5 }));
  });

  it('separates circles by radius without noise', () => {
    const { x, labels } = generateTwoFeature({ shape: 'circles', noise: 0, samples: 50 });
    labels.forEach((label, i) => expect(Math.hypot(x[2 * i], x[2 * i + 1])).toBeCloseTo(label === 0 ? 1 : 0.5, 5));
  });

  it('puts XOR classes in opposite quadrants without noise', () => {
    const { x, labels } = generateTwoFeature({ shape: 'xor', noise: 0, samples: 100 });
    labels.forEach((label, i) => expect(Math.sign(x[2 * i] * x[2 * i + 1]) === 1 ? 0 : 1).toBe(label));
  });

  it('writes a CSV the reader loads', () => {
    const table = parseCsv(twoFeatureCsv({ shape: 'moons', samples: 10 }));
    expect(table.columns.map((column) => column.name)).toEqual(['x1', 'x2', 'label']);
    expect(table.rowCount).toBe(10);
  });

  it('rejects bad settings with the value', () => {
    expect(() => generateTwoFeature({ shape: 'moons', noise: -1 })).toThrow(/noise must be from 0 to 2, got -1/);
    expect(() => generateTwoFeature({ shape: 'moons', samples: 1 })).toThrow(/got 1/);
  });
});
