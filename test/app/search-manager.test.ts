/**
 * The search manager with real training workers on iris. Trials draw reproducible
 * settings, and at most `parallel` of them train at once. Every change streams as an
 * event, Stop cancels the queued trials, and bad requests are rejected with the field named.
 */

import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import type { Project } from '../../engine/project/types';
import { createBackend } from '../../src-main/backend/backend';
import { SearchManager } from '../../src-main/backend/search/search-manager';
import type { SearchEvent, SearchOptions, SearchSnapshot } from '../../src-main/backend/search/search-protocol';

const workerEntry = new URL('../../src-main/backend/training/worker-bootstrap.mjs', import.meta.url);
const datasetsDir = fileURLToPath(new URL('../../datasets', import.meta.url));
const manager = new SearchManager({ workerEntry, datasetsDir, parallel: 2 });
const backend = createBackend({ workerEntry, datasetsDir });
afterAll(async () => {
  await manager.close();
  await backend.close();
});

const project: Project = {
  format: 'wiregrad-project',
  version: 1,
  name: 'Iris search',
  graph: {
    nodes: [
      { id: 'in', type: 'Input', params: { features: 4 } },
      { id: 'l1', type: 'Linear', params: { outFeatures: 8 } },
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
  },
  data: {
    source: { builtin: 'iris' },
    features: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'],
    target: 'species',
    task: 'multiclass',
    standardize: true,
  },
  training: {
    loss: 'CrossEntropyLoss',
    optimizer: 'SGD',
    lr: 0.1,
    momentum: 0,
    weightDecay: 0,
    batchSize: 16,
    epochs: 100,
    shuffle: true,
    validationSplit: 0.2,
    seed: 3,
  },
};

const OPTIONS: SearchOptions = { trials: 3, epochs: 5, lr: { min: 0.001, max: 0.5 }, momentum: { min: 0.5, max: 0.95 }, seed: 9 };

/** Resolves with the snapshot once the search is done. */
async function finished(searchId: string): Promise<SearchSnapshot> {
  for (;;) {
    const snapshot = manager.status(searchId);
    if (snapshot.status === 'done') return snapshot;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('SearchManager', () => {
  test('trains every trial with drawn settings', async () => {
    const events: SearchEvent[] = [];
    const unsubscribe = manager.subscribe((event) => events.push(event));
    const { searchId } = manager.start(project, undefined, OPTIONS);
    const snapshot = await finished(searchId);
    unsubscribe();

    expect(snapshot.trials.map((trial) => trial.status)).toEqual(['done', 'done', 'done']);
    for (const trial of snapshot.trials) {
      expect(trial.training.epochs).toBe(5);
      expect(trial.training.seed).toBe(3);
      expect(trial.training.lr).toBeGreaterThanOrEqual(0.001);
      expect(trial.training.lr).toBeLessThanOrEqual(0.5);
      expect(trial.training.momentum).toBeGreaterThanOrEqual(0.5);
      expect(trial.epochs).toHaveLength(5);
      expect(trial.metric).toBe('accuracy');
      expect(trial.bestEpoch).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(snapshot.trials.map((trial) => trial.training.lr)).size).toBe(3);
    expect(events.at(-1)).toEqual({ kind: 'search-done', searchId, stopped: false });
    expect(events.filter((event) => event.kind === 'trial' && event.trial.status === 'done')).toHaveLength(3);
  }, 60_000);

  test('runs at most parallel trials at once', async () => {
    let running = 0;
    let mostRunning = 0;
    const statuses = new Map<number, string>();
    const unsubscribe = manager.subscribe((event) => {
      if (event.kind !== 'trial') return;
      statuses.set(event.trial.index, event.trial.status);
      running = [...statuses.values()].filter((status) => status === 'running').length;
      mostRunning = Math.max(mostRunning, running);
    });
    const { searchId } = manager.start(project, undefined, { ...OPTIONS, trials: 4 });
    await finished(searchId);
    unsubscribe();

    expect(mostRunning).toBe(2);
  }, 60_000);

  test('draws the same trials for the same seed', async () => {
    const first = await finished(manager.start(project, undefined, OPTIONS).searchId);
    const second = await finished(manager.start(project, undefined, OPTIONS).searchId);
    const other = await finished(manager.start(project, undefined, { ...OPTIONS, seed: 10 }).searchId);
    const lrs = (snapshot: SearchSnapshot) => snapshot.trials.map((trial) => trial.training.lr);

    expect(lrs(second)).toEqual(lrs(first));
    expect(lrs(other)).not.toEqual(lrs(first));
  }, 60_000);

  test('keeps the momentum of Adam projects', async () => {
    const adam = { ...project, training: { ...project.training, optimizer: 'Adam' as const, momentum: 0.3 } };
    const snapshot = await finished(manager.start(adam, undefined, { ...OPTIONS, trials: 1, epochs: 2 }).searchId);

    expect(snapshot.trials[0].training.momentum).toBe(0.3);
  }, 60_000);

  test('stop cancels queued trials', async () => {
    const { searchId } = manager.start(project, undefined, { ...OPTIONS, trials: 6, epochs: 2000 });

    expect(() => manager.start(project, undefined, OPTIONS)).toThrow('A search is running already.');
    expect(manager.stop(searchId)).toEqual({ stopping: true });
    const snapshot = await finished(searchId);

    expect(snapshot.trials.slice(2).map((trial) => trial.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    for (const trial of snapshot.trials.slice(0, 2)) {
      expect(trial.status).toBe('done');
      expect(trial.stopReason).toBe('interrupted');
    }
    expect(manager.stop(searchId)).toEqual({ stopping: false });
  }, 60_000);

  test('unknown search id is reported', () => {
    expect(() => manager.status('nope')).toThrow('This search is no longer available. Start it again.');
  });
});

describe('search channels', () => {
  test('reversed lr range is rejected', async () => {
    const options = { ...OPTIONS, lr: { min: 0.5, max: 0.01 } };
    const result = await backend.invoke('start-search', { project, options });

    expect(result).toEqual({ ok: false, error: "Invalid 'start-search' request: options.lr: min must not be larger than max" });
  });

  test('zero trials are rejected', async () => {
    const result = await backend.invoke('start-search', { project, options: { ...OPTIONS, trials: 0 } });

    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/^Invalid 'start-search' request: options\.trials: Too small/);
  });

  test('search runs through the backend', async () => {
    const started = await backend.invoke('start-search', { project, options: { ...OPTIONS, trials: 2, epochs: 3 } });
    if (!started.ok) throw new Error(started.error);
    const { searchId } = started.value as { searchId: string };

    let snapshot: SearchSnapshot | null = null;
    while (snapshot?.status !== 'done') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const result = await backend.invoke('search-status', { searchId });
      if (!result.ok) throw new Error(result.error);
      snapshot = result.value as SearchSnapshot;
    }
    expect(snapshot.trials.map((trial) => trial.epochs.length)).toEqual([3, 3]);
  }, 60_000);
});
