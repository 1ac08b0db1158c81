/**
 * The shared backend. Every request is validated before use, and a bad one gets a
 * message that names the wrong field. Training runs in a worker, streams events, and
 * stops on request with the best model kept.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import type { Graph } from '../../engine/graph/types';
import type { Project } from '../../engine/project/types';
import { createBackend } from '../../src-main/backend/backend';
import type { InvokeResult, TrainingEvent } from '../../src-main/backend/protocol';

const backend = createBackend({
  datasetsDir: fileURLToPath(new URL('../../datasets', import.meta.url)),
  workerEntry: new URL('../../src-main/backend/training/worker-bootstrap.mjs', import.meta.url),
});
afterAll(() => backend.close());

const IRIS_GRAPH: Graph = {
  nodes: [
    { id: 'in', type: 'Input', params: { features: 4 } },
    { id: 'l1', type: 'Linear', params: { outFeatures: 16 } },
    { id: 'r1', type: 'ReLU' },
    { id: 'l2', type: 'Linear', params: { outFeatures: 3 } },
    { id: 'out', type: 'Output' },
  ],
  edges: [
    { source: 'in', target: 'l1' },
    { source: 'l1', target: 'r1' },
    { source: 'r1', target: 'l2' },
    { source: 'l2', target: 'out' },
  ],
};

function irisProject(epochs: number): Project {
  return {
    format: 'wiregrad-project',
    version: 1,
    name: 'Iris test',
    graph: IRIS_GRAPH,
    data: {
      source: { builtin: 'iris' },
      features: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'],
      target: 'species',
      task: 'multiclass',
      standardize: true,
      dropMissing: false,
    },
    training: {
      loss: 'CrossEntropyLoss',
      optimizer: 'Adam',
      lr: 0.01,
      momentum: 0.9,
      weightDecay: 0,
      batchSize: 16,
      epochs,
      shuffle: true,
      validationSplit: 0.2,
      seed: 0,
    },
  };
}

function errorOf(result: InvokeResult<unknown>): string {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

/** Collects the events of one run until it ends. */
function eventsOf(runId: () => string | null): { done: Promise<TrainingEvent[]>; seen: TrainingEvent[] } {
  const seen: TrainingEvent[] = [];
  const done = new Promise<TrainingEvent[]>((resolve) => {
    const stop = backend.onTrainingEvent((event) => {
      seen.push(event);
      if (event.runId === runId() && (event.kind === 'done' || event.kind === 'error')) {
        stop();
        resolve(seen.filter((entry) => entry.runId === runId()));
      }
    });
  });
  return { done, seen };
}

describe('backend request validation', () => {
  test('unknown channel is rejected', async () => {
    expect(errorOf(await backend.invoke('read-file', { path: '/etc/passwd' }))).toBe("Unknown channel 'read-file'.");
    expect(errorOf(await backend.invoke('__proto__', {}))).toContain('Unknown channel');
  });

  test('wrong field type names the field', async () => {
    const error = errorOf(await backend.invoke('preview-dataset', { name: 5 }));
    expect(error).toMatch(/^Invalid 'preview-dataset' request: name: .*expected string/);
  });

  test('extra and missing fields are rejected', async () => {
    expect(errorOf(await backend.invoke('list-datasets', { path: '..' }))).toContain('Unrecognized key');
    expect(errorOf(await backend.invoke('parse-csv', { fileName: 'a.csv' }))).toContain('text:');
    expect(errorOf(await backend.invoke('stop-training', null))).toContain("Invalid 'stop-training' request");
  });

  test('invalid training settings name the setting', async () => {
    const project = irisProject(5);
    const bad = { ...project, training: { ...project.training, lr: -1, batchSize: 2.5 } };
    const error = errorOf(await backend.invoke('start-training', { project: bad }));
    expect(error).toContain('project.training.lr');
    expect(error).toContain('project.training.batchSize');
  });

  test('oversized CSV text is rejected before parsing', async () => {
    const text = 'a,b\n'.padEnd(32 * 1024 * 1024 + 10, '1');
    expect(errorOf(await backend.invoke('parse-csv', { fileName: 'big.csv', text }))).toContain('text: Too big');
  });

  test('unknown data set lists the bundled ones', async () => {
    const error = errorOf(await backend.invoke('preview-dataset', { name: 'mnist' }));
    expect(error).toBe(
      "There is no bundled data set called 'mnist'. The bundled data sets are: iris, wine, breast_cancer, digits, diabetes.",
    );
  });

  test('bad CSV gets the parser message', async () => {
    const error = errorOf(await backend.invoke('parse-csv', { fileName: 'bad.csv', text: 'a,b\n1,"2\n' }));
    expect(error.toLowerCase()).toContain('quote');
    expect(error).toMatch(/^bad\.csv: /);
  });

  test('bad model file is rejected with the path of the problem', async () => {
    expect(errorOf(await backend.invoke('import-model', { fileName: 'x.json', text: 'not json' }))).toContain('The model file');
    const error = errorOf(await backend.invoke('import-model', { fileName: 'x.json', text: '{"format":"other"}' }));
    expect(error).toContain('format');
    expect(error).toMatch(/^x\.json is not a valid model file:\n/);
  });

  test('export and predict of unknown ids explain what to do', async () => {
    expect(errorOf(await backend.invoke('export-model', { runId: 'nope' }))).toContain('Train the network again');
    expect(errorOf(await backend.invoke('predict-csv', { modelId: 'nope', fileName: 'a.csv', text: 'a\n1\n' }))).toContain(
      'Import the model file again',
    );
  });

  test('CSV project without its text is rejected', async () => {
    const project = irisProject(5);
    const csvProject = { ...project, data: { ...project.data, source: { file: 'mine.csv' } } };
    expect(errorOf(await backend.invoke('start-training', { project: csvProject }))).toContain('upload the file');
  });
});

describe('backend sample predictions of an imported model', () => {
  const modelText = readFileSync(fileURLToPath(new URL('../../examples/pytorch-export/iris.model.json', import.meta.url)), 'utf8');

  async function importIris(): Promise<string> {
    const imported = await backend.invoke('import-model', { fileName: 'iris.model.json', text: modelText });
    if (!imported.ok) throw new Error(imported.error);
    return (imported.value as { modelId: string }).modelId;
  }

  test('typed iris sample gets class probabilities', async () => {
    const modelId = await importIris();
    const result = await backend.invoke('predict-sample', { source: { modelId }, values: [5.1, 3.5, 1.4, 0.2] });
    if (!result.ok) throw new Error(result.error);
    const prediction = result.value as { task: string; classes: string[]; probabilities: number[] };
    expect(prediction.task).toBe('multiclass');
    expect(prediction.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(prediction.probabilities[0]).toBeGreaterThan(0.9);
    expect(prediction.probabilities.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 5);
  });

  test('wrong value count names the features', async () => {
    const modelId = await importIris();
    const error = errorOf(await backend.invoke('predict-sample', { source: { modelId }, values: [5.1, 3.5, 1.4] }));
    expect(error).toBe(
      'The model expects 4 feature values (sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm), got 3.',
    );
  });

  test('unknown model id asks for import', async () => {
    const error = errorOf(await backend.invoke('predict-sample', { source: { modelId: 'nope' }, values: [1, 2, 3, 4] }));
    expect(error).toBe('This model is no longer loaded. Import the model file again.');
  });

  test('invalid sample requests name the field', async () => {
    const modelId = await importIris();
    const empty = errorOf(await backend.invoke('predict-sample', { source: { modelId }, values: [5.1, null, 1.4, 0.2] }));
    expect(empty).toMatch(/^Invalid 'predict-sample' request: values\.1: /);
    const huge = errorOf(await backend.invoke('predict-sample', { source: { modelId }, values: [5.1, 3.5, 1.4, 2e30] }));
    expect(huge).toMatch(/^Invalid 'predict-sample' request: values\.3: Too big/);
    const both = errorOf(await backend.invoke('predict-sample', { source: { modelId, runId: 'run-1' }, values: [1, 2, 3, 4] }));
    expect(both).toMatch(/^Invalid 'predict-sample' request: source/);
  });
});

describe('backend training runs', () => {
  test('iris run streams events and exports a loadable model', async () => {
    let runId: string | null = null;
    const { done } = eventsOf(() => runId);
    const started = await backend.invoke('start-training', { project: irisProject(20) });
    if (!started.ok) throw new Error(started.error);
    runId = (started.value as { runId: string }).runId;

    const events = await done;
    const kinds = new Set(events.map((event) => event.kind));
    expect([...kinds]).toEqual(['start', 'diagnoses', 'backend', 'batch', 'epoch', 'layer-stats', 'done']);
    const diagnoses = events.filter((event) => event.kind === 'diagnoses');
    expect(diagnoses.map((event) => event.stage)).toEqual(['setup', 'run']);
    expect(diagnoses.flatMap((event) => event.diagnoses)).toEqual([]);
    expect(events.filter((event) => event.kind === 'epoch')).toHaveLength(20);
    const backendEvent = events.find((event) => event.kind === 'backend');
    if (backendEvent?.kind !== 'backend') throw new Error('the run did not report its backend');
    expect(backendEvent.backend).toBe('cpu');
    expect(backendEvent.description).toMatch(/^CPU \(WebAssembly SIMD, \d+ threads\)$/);
    expect(backendEvent.reason).toBe('the network is small, so the CPU is faster than a GPU');
    const last = events.at(-1);
    if (last?.kind !== 'done') throw new Error(`run ended with ${JSON.stringify(last)}`);
    expect(last.stopReason).toBe('completed');
    if (last.evaluation.task === 'regression') throw new Error('expected a classification evaluation');
    expect(last.evaluation.confusion.flat().reduce((sum, count) => sum + count, 0)).toBe(30);

    const exported = await backend.invoke('export-model', { runId });
    if (!exported.ok) throw new Error(exported.error);
    const file = exported.value as { fileName: string; text: string };
    expect(file.fileName).toBe('iris-test.model.json');

    const imported = await backend.invoke('import-model', { fileName: file.fileName, text: file.text });
    if (!imported.ok) throw new Error(imported.error);
    expect(imported.value).toMatchObject({ parameterCount: 131, classes: ['setosa', 'versicolor', 'virginica'] });

    const { modelId } = imported.value as { modelId: string };
    const irisText = readFileSync(fileURLToPath(new URL('../../datasets/iris.csv', import.meta.url)), 'utf8');
    const predicted = await backend.invoke('predict-csv', { modelId, fileName: 'iris.csv', text: irisText });
    if (!predicted.ok) throw new Error(predicted.error);
    const { probabilities } = predicted.value as { probabilities: number[] | null };
    expect(probabilities).toHaveLength(150);
    expect(probabilities?.every((probability) => probability > 1 / 3 && probability <= 1)).toBe(true);

    const noFeatures = { modelId, fileName: 'new.csv', text: 'a,b\n1,2\n' };
    const error = errorOf(await backend.invoke('predict-csv', noFeatures));
    expect(error).toMatch(/^new\.csv: Feature \(needed by the model\) column 'sepal_length_cm' not found/);
  });

  test('stop ends a long run promptly and keeps the best model', async () => {
    let runId: string | null = null;
    const { done, seen } = eventsOf(() => runId);
    const started = await backend.invoke('start-training', { project: irisProject(100_000) });
    if (!started.ok) throw new Error(started.error);
    runId = (started.value as { runId: string }).runId;

    await expect.poll(() => seen.filter((event) => event.kind === 'epoch').length, { timeout: 20_000 }).toBeGreaterThan(2);
    const stopRequested = Date.now();
    expect(await backend.invoke('stop-training', { runId })).toEqual({ ok: true, value: { stopping: true } });

    const last = (await done).at(-1);
    expect(Date.now() - stopRequested).toBeLessThan(2000);
    if (last?.kind !== 'done') throw new Error(`run ended with ${JSON.stringify(last)}`);
    expect(last.stopReason).toBe('interrupted');
    expect((await backend.invoke('export-model', { runId })).ok).toBe(true);
    expect(await backend.invoke('stop-training', { runId })).toEqual({ ok: true, value: { stopping: false } });
  });

  test('graph that does not fit the data ends with an error event', async () => {
    let runId: string | null = null;
    const { done } = eventsOf(() => runId);
    const project = irisProject(5);
    const nodes = project.graph.nodes.map((node) => (node.id === 'l2' ? { ...node, params: { outFeatures: 5 } } : node));
    const started = await backend.invoke('start-training', { project: { ...project, graph: { ...project.graph, nodes } } });
    if (!started.ok) throw new Error(started.error);
    runId = (started.value as { runId: string }).runId;

    const last = (await done).at(-1);
    expect(last?.kind).toBe('error');
    expect(last?.kind === 'error' ? last.message : '').toContain('3');
  });
});
