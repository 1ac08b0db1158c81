/**
 * The evaluation the results panel shows: misclassified samples list the feature cells
 * of the CSV file, not the standardised values the model was given.
 */

import { describe, expect, test } from 'vitest';
import { parseCsv } from '../../engine/data/csv';
import { prepareData } from '../../engine/data/prepare';
import { Linear, Sequential } from '../../engine/nn';
import { evaluateModel } from '../../src-main/backend/training/evaluation';

const CSV = [
  'pixel,length,label',
  '0,5.1,a',
  '16,4.9,b',
  '0,6.25,b',
  '7,0.1,a',
  '16,5.1,b',
  '0,1e3,b',
].join('\n');

/** Builds a model that predicts class 'a' (index 0) for every row: zero weights, bias [1, 0]. */
function alwaysFirstClass(): Sequential {
  const linear = new Linear(2, 2);
  linear.weight.data.fill(0);
  linear.bias?.data.set([1, 0]);
  return new Sequential(linear);
}

describe('evaluateModel', () => {
  test('misclassified samples show the CSV cells', () => {
    const table = parseCsv(CSV);
    const data = prepareData(table, {
      features: ['pixel', 'length'],
      target: 'label',
      task: 'multiclass',
      standardize: true,
      validationSplit: 0,
      seed: 0,
    });
    const layers = [{ type: 'Linear' as const, inFeatures: 2, outFeatures: 2, bias: true }];

    const evaluation = evaluateModel(alwaysFirstClass(), layers, data, table);

    if (evaluation.task === 'regression') throw new Error('expected a classification evaluation');
    expect(evaluation.misclassifiedCount).toBe(4);
    const byRow = new Map(evaluation.misclassified.map((sample) => [sample.row, sample.features]));
    expect(byRow.get(2)).toEqual(['16', '4.9']);
    expect(byRow.get(3)).toEqual(['0', '6.25']);
    expect(byRow.get(5)).toEqual(['16', '5.1']);
    expect(byRow.get(6)).toEqual(['0', '1000']);
  });
});
