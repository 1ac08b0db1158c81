import { describe, expect, test } from 'vitest';

import { metrics, tensor } from '../../engine';

// Expected values follow torchmetrics' Accuracy with average 'micro' (correct / total), worked by
// hand. Multiclass float preds of shape [N, C] become argmax(dim=1). Binary float preds pass
// through sigmoid when any value lies outside [0, 1], then count as 1 when strictly above threshold.
const f32 = { dtype: 'float32' } as const;

describe('Accuracy multiclass', () => {
  test('probabilities use argmax', () => {
    const accuracy = new metrics.Accuracy({ task: 'multiclass', numClasses: 3 });
    const probs = tensor([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1], [0.2, 0.3, 0.5], [0.3, 0.4, 0.3]], f32);

    // argmax is [1, 0, 2, 1] against [1, 0, 1, 1]: 3 of 4.
    const batch = accuracy.forward(probs, tensor([1, 0, 1, 1]));

    expect(batch.item()).toBeCloseTo(0.75, 6);
  });

  test('logits use argmax', () => {
    const accuracy = new metrics.Accuracy({ task: 'multiclass', numClasses: 3 });
    const logits = tensor([[2, -1, 0], [-3, -2, -1]], f32);

    // argmax is [0, 2] against [0, 1]: 1 of 2.
    expect(accuracy.forward(logits, tensor([0, 1])).item()).toBeCloseTo(0.5, 6);
  });

  test('class indices compare directly', () => {
    const accuracy = new metrics.Accuracy({ task: 'multiclass', numClasses: 3 });

    // [0, 2, 1, 1, 0] against [0, 2, 2, 1, 1]: 3 of 5.
    expect(accuracy.forward(tensor([0, 2, 1, 1, 0]), tensor([0, 2, 2, 1, 1])).item()).toBeCloseTo(0.6, 6);
  });

  test('compute accumulates batches and reset clears', () => {
    const accuracy = new metrics.Accuracy({ task: 'multiclass', numClasses: 3 });
    const probs = tensor([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1], [0.2, 0.3, 0.5], [0.3, 0.4, 0.3]], f32);

    // Batches of 3/4 and 1/2 correct: (3 + 1) / (4 + 2).
    expect(accuracy.forward(probs, tensor([1, 0, 1, 1])).item()).toBeCloseTo(0.75, 6);
    expect(accuracy.forward(tensor([[2, -1, 0], [-3, -2, -1]], f32), tensor([0, 1])).item()).toBeCloseTo(0.5, 6);
    expect(accuracy.compute().item()).toBeCloseTo(4 / 6, 6);

    accuracy.reset();
    accuracy.update(tensor([0, 2, 1, 1, 0]), tensor([0, 2, 2, 1, 1]));
    expect(accuracy.compute().item()).toBeCloseTo(0.6, 6);
  });
});

describe('Accuracy binary', () => {
  test('probabilities strictly above threshold count as 1', () => {
    const accuracy = new metrics.Accuracy({ task: 'binary' });

    // 0.5 is not above 0.5, so predictions are [1, 0, 1, 0, 0] against [1, 0, 0, 0, 1]: 3 of 5.
    const batch = accuracy.forward(tensor([0.9, 0.4, 0.6, 0.2, 0.5]), tensor([1, 0, 0, 0, 1]));

    expect(batch.item()).toBeCloseTo(0.6, 6);
  });

  test('logits pass through sigmoid', () => {
    const accuracy = new metrics.Accuracy({ task: 'binary' });

    // sigmoid gives [0.88, 0.27, 0.57, 0.45], so [1, 0, 1, 0] against [1, 1, 1, 0]: 3 of 4.
    expect(accuracy.forward(tensor([2.0, -1.0, 0.3, -0.2]), tensor([1, 1, 1, 0])).item()).toBeCloseTo(0.75, 6);
  });

  test('one logit in batch applies sigmoid to all', () => {
    const accuracy = new metrics.Accuracy({ task: 'binary' });

    // 2.0 lies outside [0, 1], so 0.3 becomes sigmoid(0.3) = 0.574 and counts as 1: 2 of 2.
    expect(accuracy.forward(tensor([0.3, 2.0]), tensor([1, 1])).item()).toBeCloseTo(1, 6);
  });

  test('custom threshold', () => {
    const accuracy = new metrics.Accuracy({ task: 'binary', threshold: 0.7 });

    // [0.9, 0.6, 0.75, 0.1] gives [1, 0, 1, 0] against [1, 1, 0, 0]: 2 of 4.
    expect(accuracy.forward(tensor([0.9, 0.6, 0.75, 0.1]), tensor([1, 1, 0, 0])).item()).toBeCloseTo(0.5, 6);
  });

  test('integer predictions compare directly', () => {
    const accuracy = new metrics.Accuracy({ task: 'binary' });

    // [1, 0, 1, 1] against [1, 0, 0, 1]: 3 of 4.
    expect(accuracy.forward(tensor([1, 0, 1, 1]), tensor([1, 0, 0, 1])).item()).toBeCloseTo(0.75, 6);
  });
});
