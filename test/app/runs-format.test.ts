import { describe, expect, it } from 'vitest';

import type { RunRecord, TrainingSettings } from '../../engine/project/types';
import {
  formatCount,
  formatLoss,
  formatMetric,
  metricHeader,
  nameParts,
  settingsPhrases,
} from '../../src-renderer/src/components/RunsPanel/format';

const TRAINING: TrainingSettings = {
  loss: 'CrossEntropyLoss',
  optimizer: 'SGD',
  lr: 0.05,
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 16,
  epochs: 40,
  shuffle: true,
  validationSplit: 0.2,
  seed: 0,
};

function run(overrides: Partial<RunRecord> = {}, training: Partial<TrainingSettings> = {}): RunRecord {
  const point = { epoch: 38, trainLoss: 0.05, validationLoss: 0.06, trainMetric: 0.98, validationMetric: 0.967 };
  return {
    id: 'run-1',
    name: 'Run 1',
    startedAt: '2026-01-01T00:00:00.000Z',
    training: { ...TRAINING, ...training },
    parameterCount: 131,
    architecture: 'Linear(4 → 16) → ReLU() → Linear(16 → 3)',
    metric: 'accuracy',
    stopReason: 'completed',
    epochsRun: 40,
    bestEpoch: 38,
    best: point,
    final: point,
    durationMs: 1200,
    points: [point],
    ...overrides,
  };
}

describe('formatLoss', () => {
  it.each([
    [null, '–'],
    [0, '0'],
    [0.041234, '0.04123'],
    [0.8635, '0.8635'],
    [123.456, '123.5'],
    [3287.4, '3287'],
    [29_000.2, '29000'],
    [0.0012345, '1.23e-3'],
    [45_600_000, '4.56e+7'],
    [Number.NaN, 'NaN'],
  ])('formats %s as %s', (value, text) => {
    expect(formatLoss(value)).toBe(text);
  });

  it('stays within 7 characters from 1e-9 to 1e9', () => {
    for (let exponent = -9; exponent < 9; exponent++) {
      for (const mantissa of [1, 1.2345, 9.9999]) {
        const text = formatLoss(mantissa * 10 ** exponent);
        expect(text.length, text).toBeLessThanOrEqual(7);
      }
    }
  });
});

describe('formatCount', () => {
  it('keeps counts below 10,000 exact', () => {
    expect(formatCount(131)).toBe('131');
    expect(formatCount(4810)).toBe('4,810');
    expect(formatCount(9999)).toBe('9,999');
  });

  it('shortens larger counts', () => {
    expect(formatCount(48_130)).toBe('48.1K');
    expect(formatCount(1_234_567)).toBe('1.2M');
  });
});

describe('formatMetric', () => {
  it('shows accuracy in percent', () => {
    expect(formatMetric(run())).toBe('96.7%');
  });

  it('shows MSE compactly', () => {
    const point = { epoch: 10, trainLoss: 3400, validationLoss: 3287.4, trainMetric: 3400, validationMetric: 3287.4 };
    expect(formatMetric(run({ metric: 'mse', best: point }))).toBe('3287');
  });
});

describe('metricHeader', () => {
  it('names the one metric the runs share', () => {
    expect(metricHeader([run(), run()])).toBe('Accuracy');
    expect(metricHeader([run({ metric: 'mse' })])).toBe('MSE');
  });

  it('names both metrics for mixed runs', () => {
    expect(metricHeader([run(), run({ metric: 'mse' })])).toBe('Accuracy / MSE');
  });
});

describe('nameParts', () => {
  it('splits before brackets only', () => {
    expect(nameParts('Run 5 (trial 3)')).toEqual(['Run 5', '(trial 3)']);
    expect(nameParts('Run 12')).toEqual(['Run 12']);
  });
});

describe('settingsPhrases', () => {
  it('lists momentum for SGD', () => {
    expect(settingsPhrases(run())).toEqual(['SGD', 'lr 0.05', 'momentum 0.90', 'batch 16', '40 epochs (best 38)', 'seed 0']);
  });

  it('leaves momentum out for Adam and shows weight decay', () => {
    expect(settingsPhrases(run({}, { optimizer: 'Adam', lr: 0.001, weightDecay: 0.0001 }))).toEqual([
      'Adam',
      'lr 0.001',
      'weight decay 1.0e-4',
      'batch 16',
      '40 epochs (best 38)',
      'seed 0',
    ]);
  });

  it('shows epochs run of those set for a stopped run', () => {
    const phrases = settingsPhrases(run({ stopReason: 'interrupted', epochsRun: 12, bestEpoch: 11 }));
    expect(phrases).toContain('12 of 40 epochs (best 11)');
  });
});
