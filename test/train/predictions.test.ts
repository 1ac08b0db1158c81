import { describe, expect, it } from 'vitest';

import { Tensor } from '../../engine/tensor/tensor';
import { readPredictions } from '../../engine/train';

const linear = { type: 'Linear', inFeatures: 2, outFeatures: 1, bias: true } as const;

describe('readPredictions', () => {
  it('takes the softmax of multiclass logits', () => {
    const output = new Tensor(Float32Array.of(0, Math.log(3), 0, 2, 0, 0), [2, 3]);
    const [first, second] = readPredictions(output, { task: 'multiclass', classes: ['a', 'b', 'c'], layers: [linear] });

    expect(first).toMatchObject({ kind: 'class', classIndex: 1, label: 'b' });
    expect(first.kind === 'class' ? first.probability : 0).toBeCloseTo(0.6, 6);
    expect(second).toMatchObject({ classIndex: 0, label: 'a' });
  });

  it('reads binary logits through a sigmoid', () => {
    const output = new Tensor(Float32Array.of(-Math.log(3), Math.log(4)), [2, 1]);
    const predictions = readPredictions(output, { task: 'binary', classes: ['no', 'yes'], layers: [linear] });

    expect(predictions[0]).toMatchObject({ label: 'no' });
    expect(predictions[0].kind === 'class' ? predictions[0].probability : 0).toBeCloseTo(0.75, 6);
    expect(predictions[1]).toMatchObject({ label: 'yes' });
    expect(predictions[1].kind === 'class' ? predictions[1].probability : 0).toBeCloseTo(0.8, 6);
  });

  it('reads binary outputs after Sigmoid as probabilities', () => {
    const output = new Tensor(Float32Array.of(0.25), [1, 1]);
    const [prediction] = readPredictions(output, { task: 'binary', classes: ['no', 'yes'], layers: [linear, { type: 'Sigmoid' }] });

    expect(prediction).toMatchObject({ label: 'no', probability: 0.75 });
  });

  it('returns regression values unchanged', () => {
    const output = new Tensor(Float32Array.of(151.5, -2), [2, 1]);

    expect(readPredictions(output, { task: 'regression', classes: null, layers: [linear] })).toEqual([
      { kind: 'value', value: 151.5 },
      { kind: 'value', value: -2 },
    ]);
  });
});
