import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import {
  JsonValidationError,
  MAX_RUN_POINTS,
  MAX_RUNS,
  parseProject,
  serializeProject,
  validateProject,
  type RunPoint,
  type RunRecord,
} from '../../engine/project';
import { withValue } from './json-edit';

const irisText = readFileSync(fileURLToPath(new URL('../../examples/iris.wiregrad.json', import.meta.url)), 'utf8');
const iris = parseProject(irisText);

function point(epoch: number): RunPoint {
  return { epoch, trainLoss: 1 / epoch, validationLoss: 1.1 / epoch, trainMetric: 0.9, validationMetric: null };
}

function run(id: string, pointCount = 3): RunRecord {
  const points = Array.from({ length: pointCount }, (_, i) => point(i + 1));
  return {
    id,
    name: `Run ${id}`,
    startedAt: '2024-05-01T12:00:00.000Z',
    training: { ...iris.training },
    parameterCount: 131,
    architecture: 'Linear(4 → 16) → ReLU → Linear(16 → 3)',
    metric: 'accuracy',
    stopReason: 'completed',
    epochsRun: pointCount,
    bestEpoch: pointCount,
    best: point(pointCount),
    final: point(pointCount),
    durationMs: 1234,
    points,
  };
}

/** Returns the iris project with `runs`, as parsed JSON. */
function withRuns(runs: unknown): unknown {
  return { ...structuredClone(iris), runs };
}

function issuesOf(value: unknown): string[] {
  try {
    validateProject(value);
    return [];
  } catch (error) {
    if (!(error instanceof JsonValidationError)) throw error;
    return error.issues.map((issue) => issue.message);
  }
}

describe('project runs', () => {
  it('loads a project without runs', () => {
    expect(iris.runs).toBeUndefined();
  });

  it('round-trips runs through the file', () => {
    const trial = { ...run('b'), searchId: 'search-1' };
    const project = validateProject(withRuns([run('a'), trial]));
    const reopened = parseProject(serializeProject(project));

    expect(reopened.runs).toHaveLength(2);
    expect(reopened.runs?.[0]).toEqual(run('a'));
    expect(reopened.runs?.[1].searchId).toBe('search-1');
  });

  it('keeps null losses of a diverged run', () => {
    const diverged = { ...run('a'), stopReason: 'diverged', final: { ...point(3), trainLoss: null } };

    expect(validateProject(withRuns([diverged])).runs?.[0].final.trainLoss).toBeNull();
  });

  it('rejects an unknown key with its path', () => {
    const json = withValue(withRuns([run('a')]), 'runs[0].colour', 'red');

    expect(issuesOf(json)).toEqual([expect.stringMatching(/^runs\[0\]\.colour is not a known key/)]);
  });

  it('rejects too many runs', () => {
    const runs = Array.from({ length: MAX_RUNS + 1 }, (_, i) => run(String(i), 1));

    expect(issuesOf(withRuns(runs))).toEqual([`runs must have at most ${MAX_RUNS} entries, got ${MAX_RUNS + 1}.`]);
  });

  it('rejects too many points', () => {
    const long = run('a', MAX_RUN_POINTS + 1);

    expect(issuesOf(withRuns([long]))).toEqual([
      `runs[0].points must have at most ${MAX_RUN_POINTS} entries, got ${MAX_RUN_POINTS + 1}.`,
    ]);
  });

  it('rejects repeated run ids', () => {
    expect(issuesOf(withRuns([run('a'), run('a')]))).toEqual([
      'runs[1].id repeats "a". Each run needs its own id.',
    ]);
  });

  it('rejects epochs out of order', () => {
    const json = withValue(withRuns([run('a')]), 'runs[0].points[2].epoch', 1);

    expect(issuesOf(json)).toEqual([
      "runs[0].points[2] has epoch 1, which must be larger than the previous point's 2.",
    ]);
  });

  it('names bad values inside a run', () => {
    const json = withValue(withValue(withRuns([run('a')]), 'runs[0].training.lr', 0), 'runs[0].startedAt', 'yesterday');

    expect(issuesOf(json)).toEqual([
      'runs[0].startedAt must be a date and time such as "2024-05-01T12:00:00.000Z".',
      'runs[0].training.lr must be a positive number no larger than 100, got 0.',
    ]);
  });

  it('rejects runs that are not an array', () => {
    expect(issuesOf(withRuns({}))).toEqual(['runs must be an array, got an object.']);
  });
});

describe('random search example', () => {
  it('loads with its recorded trials', () => {
    const path = fileURLToPath(new URL('../../examples/random-search-iris.wiregrad.json', import.meta.url));
    const project = parseProject(readFileSync(path, 'utf8'));

    expect(project.runs?.length).toBeGreaterThanOrEqual(3);
    expect(project.runs?.every((run) => run.searchId !== undefined && run.points.length === run.epochsRun)).toBe(true);
  });
});
