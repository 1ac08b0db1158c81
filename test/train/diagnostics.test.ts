import { describe, expect, it } from 'vitest';
import { readCsvFile } from '../../engine/data/csv/read-file';
import { prepareData, type PreparedData } from '../../engine/data/prepare';
import type { Task } from '../../engine/project/types';
import { compileGraph } from '../../engine/graph';
import type { NodeParams, NodeType } from '../../engine/graph/types';
import { BUILTIN_DATASETS } from '../../engine/data/builtin';
import { nn, noGrad } from '../../engine';
import type { TrainingSettings } from '../../engine/project';
import { diagnoseRun, diagnoseSetup, type DiagnosisCode } from '../../engine/train/diagnostics';
import { train, TrainingError } from '../../engine/train';
import { chainGraph } from '../graph/graph-builders';

async function load(name: string, options: { task?: Task; standardize?: boolean; validationSplit?: number } = {}): Promise<PreparedData> {
  const dataset = BUILTIN_DATASETS.find((candidate) => candidate.name === name);
  if (dataset === undefined) throw new Error(`no data set ${name}`);
  const table = await readCsvFile(`datasets/${dataset.file}`);
  const features = table.columns.map((column) => column.name).filter((column) => column !== dataset.target);
  return prepareData(table, {
    features,
    target: dataset.target,
    task: options.task ?? dataset.task,
    standardize: options.standardize ?? true,
    validationSplit: options.validationSplit ?? 0.2,
    seed: 0,
  });
}

function model(data: PreparedData, hidden: [NodeType, NodeParams?][], outFeatures: number, tail: [NodeType, NodeParams?][] = []): nn.Sequential {
  const compiled = compileGraph(
    chainGraph([['Input', { features: data.features.length }], ...hidden, ['Linear', { outFeatures }], ...tail, ['Output']]),
    { seed: 0 },
  );
  if (compiled.model === null) throw new Error(JSON.stringify(compiled.errors));
  return compiled.model;
}

const settings = (overrides: Partial<TrainingSettings>): TrainingSettings => ({
  loss: 'CrossEntropyLoss',
  optimizer: 'SGD',
  lr: 0.1,
  momentum: 0,
  weightDecay: 0,
  batchSize: 16,
  epochs: 20,
  shuffle: true,
  validationSplit: 0.2,
  seed: 0,
  ...overrides,
});

const codes = (found: { code: DiagnosisCode }[]): DiagnosisCode[] => found.map((diagnosis) => diagnosis.code);

describe('setup diagnoses', () => {
  it('names a network with every layer frozen', async () => {
    const data = await load('iris');
    const frozen = model(data, [['Linear', { outFeatures: 8, frozen: true }], ['ReLU']], 3);
    frozen.parameters().forEach((parameter) => (parameter.requiresGrad = false));
    expect(codes(diagnoseSetup(frozen, data, settings({})))).toContain('all-frozen');
  });

  it('names a Softmax before CrossEntropyLoss', async () => {
    const data = await load('iris');
    const withSoftmax = new nn.Sequential(new nn.Linear(4, 3), new nn.Softmax(-1));
    const found = diagnoseSetup(withSoftmax, data, settings({}));
    expect(codes(found)).toEqual(['activation-before-loss']);
    expect(found[0].fix).toMatch(/Remove the final Softmax/);
  });

  it('names a Sigmoid before BCEWithLogitsLoss', async () => {
    const data = await load('breast_cancer');
    const withSigmoid = new nn.Sequential(new nn.Linear(30, 1), new nn.Sigmoid());
    expect(codes(diagnoseSetup(withSigmoid, data, settings({ loss: 'BCEWithLogitsLoss' })))).toEqual(['activation-before-loss']);
  });

  it('names regression targets with CrossEntropyLoss', async () => {
    const data = await load('diabetes');
    const found = diagnoseSetup(new nn.Sequential(new nn.Linear(10, 1)), data, settings({}));
    expect(codes(found)).toContain('regression-with-cross-entropy');
    expect(found[0].fix).toMatch(/MSELoss/);
  });

  it('names unscaled features', async () => {
    const raw = await load('diabetes', { standardize: false });
    const scaled = await load('diabetes');
    const net = new nn.Sequential(new nn.Linear(10, 1));
    expect(codes(diagnoseSetup(net, raw, settings({ loss: 'MSELoss' })))).toEqual(['unscaled-features']);
    expect(diagnoseSetup(net, scaled, settings({ loss: 'MSELoss' }))).toEqual([]);
  });
});

describe('run diagnoses', () => {
  it('explains a loss that becomes NaN', async () => {
    const data = await load('diabetes', { standardize: false });
    const net = model(data, [], 1);
    const run = settings({ loss: 'MSELoss', lr: 0.01, epochs: 10 });
    let found;
    try {
      const result = await train(net, data, run);
      found = diagnoseRun(result, net, data, run);
    } catch (error) {
      if (!(error instanceof TrainingError)) throw error;
      found = diagnoseRun({ history: [], stopReason: 'diverged' }, net, data, run);
    }
    expect(codes(found)).toEqual(['loss-diverged']);
    expect(found[0].title).toMatch(/NaN or infinite at epoch 1/);
    expect(found[0].fix).toMatch(/lr=0\.001/);
  });

  it('explains a loss that explodes without becoming NaN', async () => {
    const data = await load('diabetes', { standardize: false });
    const net = model(data, [['Linear', { outFeatures: 16 }], ['ReLU']], 1);
    const run = settings({ loss: 'MSELoss', lr: 0.001, momentum: 0.9, epochs: 3 });
    const found = diagnoseRun(await train(net, data, run), net, data, run);
    expect(codes(found)).toEqual(['loss-diverged']);
    expect(found[0].title).toMatch(/exploded to .* at epoch 1/);
  });

  it('finds dead ReLUs when the loss stops moving', async () => {
    const data = await load('iris');
    const net = model(data, [['Linear', { outFeatures: 16 }], ['ReLU']], 3);
    noGrad(() => net[0].bias!.fill_(-50));
    const run = settings({ epochs: 12 });
    const result = await train(net, data, run);
    const found = diagnoseRun(result, result.model, data, run);
    expect(codes(found)).toEqual(['dead-relus']);
    expect(found[0].title).toMatch(/layer 1/);
  });

  it('blames a learning rate too small', async () => {
    const data = await load('iris');
    const net = model(data, [['Linear', { outFeatures: 16 }], ['ReLU']], 3);
    const run = settings({ lr: 1e-6, epochs: 12 });
    const found = diagnoseRun(await train(net, data, run), net, data, run);
    expect(codes(found)).toEqual(['loss-not-moving']);
    expect(found[0].fix).toMatch(/lr=0\.00001/);
  });

  it('spots overfitting', async () => {
    const data = await load('digits', { validationSplit: 0.9 });
    const net = model(data, [['Linear', { outFeatures: 64 }], ['ReLU'], ['Linear', { outFeatures: 64 }], ['ReLU']], 10);
    const run = settings({ optimizer: 'Adam', lr: 0.003, epochs: 40, batchSize: 16 });
    const result = await train(net, data, run);
    const found = diagnoseRun(result, result.model, data, run);
    expect(codes(found)).toEqual(['overfitting']);
    expect(found[0].fix).toMatch(/Dropout/);
  });

  it('finds nothing wrong with the iris example settings', async () => {
    const data = await load('iris');
    const net = model(data, [['Linear', { outFeatures: 16 }], ['ReLU']], 3);
    const run = settings({ optimizer: 'Adam', lr: 0.01, epochs: 40 });
    const result = await train(net, data, run);
    expect(diagnoseRun(result, result.model, data, run)).toEqual([]);
  });
});

describe('divergence advice', () => {
  it('blames large targets when the features are standardised', async () => {
    const data = await load('diabetes');
    const net = model(data, [['Linear', { outFeatures: 16 }], ['ReLU']], 1);
    const run = settings({ loss: 'MSELoss', lr: 0.01, momentum: 0.9, epochs: 3, batchSize: 1 });
    const found = diagnoseRun({ history: [], stopReason: 'diverged' }, net, data, run);

    expect(found[0].fix).toBe('Lower the learning rate (try lr=0.001).');
    expect(found[0].explanation).toMatch(/targets are on a large scale \(variance \d\.\de\+3\)/);
  });
});
