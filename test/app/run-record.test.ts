import { describe, expect, it } from 'vitest';

import type { LayerSpec } from '../../engine/graph/layer-spec';
import { MAX_RUN_POINTS, validateProject } from '../../engine/project';
import type { Project, TrainingSettings } from '../../engine/project/types';
import type { TrialState } from '../../src-main/backend/search/search-protocol';
import { buildRunRecord, downsample, nextRunName, type EpochFigures } from '../../src-renderer/src/lib/runs/run-record';
import { bestTrial, rankTrials, trialLoss } from '../../src-renderer/src/lib/search/rank';

const TRAINING: TrainingSettings = {
  loss: 'CrossEntropyLoss',
  optimizer: 'SGD',
  lr: 0.1,
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 16,
  epochs: 2000,
  shuffle: true,
  validationSplit: 0.2,
  seed: 1,
};

const LAYERS: LayerSpec[] = [
  { type: 'Linear', inFeatures: 4, outFeatures: 16, bias: true },
  { type: 'ReLU' },
  { type: 'Linear', inFeatures: 16, outFeatures: 3, bias: true },
];

function epochs(count: number, bestEpoch: number): EpochFigures[] {
  return Array.from({ length: count }, (_, i) => ({
    epoch: i + 1,
    trainLoss: 1 / (i + 1),
    validationLoss: i + 1 === bestEpoch ? 0.01 : 1,
    trainMetric: 0.9,
    validationMetric: 0.8,
  }));
}

function trial(index: number, status: TrialState['status'], validationLoss: number | null): TrialState {
  return {
    index,
    training: TRAINING,
    status,
    epoch: 1,
    metric: 'accuracy',
    epochs: [{ epoch: 1, trainLoss: 0.5, validationLoss, trainMetric: 0.9, validationMetric: 0.9 }],
    bestEpoch: status === 'done' ? 1 : null,
    stopReason: status === 'done' ? 'completed' : null,
    error: null,
    startedAt: null,
    durationMs: 10,
  };
}

describe('downsample', () => {
  it('keeps short series whole', () => {
    expect(downsample([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });

  it('keeps first, last and the kept index', () => {
    const items = Array.from({ length: 2000 }, (_, i) => i);
    const picked = downsample(items, 500, 1234);

    expect(picked).toHaveLength(500);
    expect(picked[0]).toBe(0);
    expect(picked.at(-1)).toBe(1999);
    expect(picked).toContain(1234);
    expect([...picked].sort((a, b) => a - b)).toEqual(picked);
  });
});

describe('buildRunRecord', () => {
  it('downsamples a long run to a valid record', () => {
    const record = buildRunRecord(
      {
        id: 'r1',
        startedAt: new Date('2024-05-01T12:00:00Z'),
        training: TRAINING,
        parameterCount: 131,
        layers: LAYERS,
        metric: 'accuracy',
        stopReason: 'completed',
        bestEpoch: 1377,
        durationMs: 5000.4,
        epochs: epochs(2000, 1377),
      },
      [],
    );

    expect(record.name).toBe('Run 1');
    expect(record.points).toHaveLength(MAX_RUN_POINTS);
    expect(record.points.some((point) => point.epoch === 1377)).toBe(true);
    expect(record.best.validationLoss).toBe(0.01);
    expect(record.final.epoch).toBe(2000);
    expect(record.epochsRun).toBe(2000);
    expect(record.durationMs).toBe(5000);
    expect(record.architecture).toBe('Linear(4 → 16) → ReLU() → Linear(16 → 3)');

    const project: Project = {
      format: 'wiregrad-project',
      version: 1,
      name: 'p',
      graph: { nodes: [], edges: [] },
      data: { source: { builtin: 'iris' }, features: ['a'], target: 'b', task: 'multiclass', standardize: true },
      training: TRAINING,
      runs: [record],
    };
    expect(validateProject(JSON.parse(JSON.stringify(project))).runs).toEqual([record]);
  });

  it('stores infinite losses as null', () => {
    const diverged = [{ epoch: 1, trainLoss: Infinity, validationLoss: Number.NaN, trainMetric: 0.3, validationMetric: 0.3 }];
    const record = buildRunRecord(
      { id: 'd', startedAt: new Date(), training: TRAINING, parameterCount: 1, layers: null, metric: 'accuracy', stopReason: 'diverged', bestEpoch: 1, durationMs: 1, epochs: diverged },
      [],
    );

    expect(record.final.trainLoss).toBeNull();
    expect(record.final.validationLoss).toBeNull();
    expect(record.architecture).toBe('No layers');
  });
});

describe('nextRunName', () => {
  it('counts past the highest run number', () => {
    const runs = [{ name: 'Run 2' }, { name: 'Run 7 (trial 3)' }, { name: 'Other' }].map((run) => ({
      ...buildRunRecord(
        { id: run.name, startedAt: new Date(), training: TRAINING, parameterCount: 0, layers: null, metric: 'mse', stopReason: 'completed', bestEpoch: 0, durationMs: 0, epochs: [] },
        [],
      ),
      name: run.name,
    }));

    expect(nextRunName(runs)).toBe('Run 8');
  });
});

describe('rankTrials', () => {
  it('orders done trials by loss, then running and queued', () => {
    const trials = [trial(1, 'queued', null), trial(2, 'done', 0.5), trial(3, 'running', null), trial(4, 'done', 0.1), trial(5, 'failed', null)];

    expect(rankTrials(trials).map((entry) => entry.index)).toEqual([4, 2, 3, 1, 5]);
    expect(bestTrial(trials)?.index).toBe(4);
  });

  it('ranks a diverged trial last among done ones', () => {
    const trials = [trial(1, 'done', Number.NaN), trial(2, 'done', 0.3)];

    expect(trialLoss(trials[0])).toBeNull();
    expect(rankTrials(trials).map((entry) => entry.index)).toEqual([2, 1]);
  });

  it('has no best trial before one finishes', () => {
    expect(bestTrial([trial(1, 'running', null)])).toBeNull();
  });
});
