import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { JsonValidationError, parseProject, serializeProject, validateProject } from '../../engine/project';
import { withValue, withValues } from './json-edit';

const irisText = readFileSync(fileURLToPath(new URL('../../examples/iris.wiregrad.json', import.meta.url)), 'utf8');

const irisJson: unknown = JSON.parse(irisText);

/** Validates `value` and returns the issue messages, or [] when it is valid. */
function issuesOf(value: unknown): string[] {
  try {
    validateProject(value);
    return [];
  } catch (error) {
    if (!(error instanceof JsonValidationError)) throw error;
    return error.issues.map((issue) => issue.message);
  }
}

describe('parseProject', () => {
  it('loads the iris example', () => {
    const project = parseProject(irisText);

    expect(project.name).toBe('Iris species');
    expect(project.graph.nodes).toHaveLength(5);
    expect(project.data.source).toEqual({ builtin: 'iris' });
    expect(project.training.lr).toBe(0.01);
  });

  it('round-trips through serializeProject', () => {
    const project = parseProject(irisText);
    const text = serializeProject(project);

    expect(parseProject(text)).toEqual(project);
    expect(text).toContain('\n  "graph": {');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseProject('{"format": ')).toThrow(/The project file is not valid JSON/);
    expect(() => parseProject('{\n  "format": "wiregrad-project",\n  "graph": [1, 2\n}')).toThrow(/at line 4, column 1\./);
    expect(() => parseProject('hello\n')).toThrow(/The project file is not valid JSON: Unexpected token 'h', "hello " is not valid JSON\.$/m);
  });

  it('rejects text over the size limit before parsing', () => {
    const huge = ' '.repeat(4 * 1024 * 1024 + 1);

    expect(() => parseProject(huge)).toThrow(/4194305 characters long, but the limit is 4194304/);
  });
});

describe('validateProject errors', () => {
  it('names a negative learning rate with its path', () => {
    const json = withValue(irisJson, 'training.lr', -1);

    expect(issuesOf(json)).toEqual(['training.lr must be a positive number no larger than 100, got -1.']);
  });

  it('states the upper limit of the learning rate', () => {
    const json = withValue(irisJson, 'training.lr', 1e6);

    expect(issuesOf(json)).toEqual(['training.lr must be a positive number no larger than 100, got 1000000.']);
  });

  it('rejects unknown keys', () => {
    const json = withValue(irisJson, 'training.learningRate', 0.1);

    expect(issuesOf(json)[0]).toMatch(/^training\.learningRate is not a known key\. Remove it, or use one of: loss,/);
  });

  it('rejects __proto__ keys', () => {
    const json = JSON.parse(irisText.replace('"features": 4 }', '"features": 4, "__proto__": { "polluted": true } }'));

    expect(issuesOf(json)).toEqual([
      'graph.nodes[0].params.__proto__ is not allowed: the key could change object prototypes. Remove it.',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a missing key', () => {
    const json = withValue(irisJson, 'data.target', undefined);

    expect(issuesOf(json)).toEqual(['data.target is missing.']);
  });

  it('rejects the wrong format and version', () => {
    const json = withValues(irisJson, { 'format': 'netron', 'version': 2 });

    expect(issuesOf(json)).toEqual([
      'format must be "wiregrad-project", got "netron". Is this a Wiregrad project file?',
      'version must be 1, got 2. This file was written by a different version of Wiregrad.',
    ]);
  });

  it('names a model file before its unknown keys', () => {
    const model = { format: 'wiregrad-model', version: 1, name: 'x', task: 'binary', features: ['a'], layers: [] };

    expect(issuesOf(model)).toEqual([
      'This is a Wiregrad model file, not a project file. Import it in the Model tab, ' +
        "or run 'wiregrad predict' with it.",
    ]);
  });

  it('checks the format before the keys', () => {
    const json = withValues(irisJson, { 'format': 'netron', 'graph.nodes': 'none', 'extra': 1 });

    expect(issuesOf(json)).toEqual([
      'format must be "wiregrad-project", got "netron". Is this a Wiregrad project file?',
    ]);
  });

  it('rejects a document that is not an object', () => {
    expect(issuesOf([1, 2])).toEqual(['The project file must be an object, got an array']);
  });

  it.each([
    ['momentum', 1, 'training.momentum must be a number from 0 up to (not including) 1, got 1.'],
    ['batchSize', 2.5, 'training.batchSize must be a whole number from 1 to 1000000, got 2.5.'],
    ['epochs', 0, 'training.epochs must be a whole number from 1 to 100000, got 0.'],
    ['validationSplit', 1, 'training.validationSplit must be a share from 0 up to (not including) 1, such as 0.2, got 1.'],
    ['seed', -1, 'training.seed must be a whole number from 0 to 4294967295, got -1.'],
    ['weightDecay', 'NaN', 'training.weightDecay must be a number that is 0 or more, got "NaN".'],
    ['optimizer', 'RMSprop', 'training.optimizer must be one of "SGD", "Adam", got "RMSprop".'],
    ['shuffle', 'yes', 'training.shuffle must be true or false, got "yes".'],
  ])('rejects training.%s = %s', (key, value, message) => {
    const json = withValue(irisJson, `training.${key}`, value);

    expect(issuesOf(json)).toEqual([message]);
  });

  it('rejects a data source naming both builtin and file', () => {
    const json = withValue(irisJson, 'data.source', { builtin: 'iris', file: 'iris.csv' });

    expect(issuesOf(json)).toEqual([
      'data.source must name exactly one of "builtin" (a bundled data set) and "file" (a CSV path).',
    ]);
  });

  it('rejects a target that is also a feature', () => {
    const json = withValue(irisJson, 'data.target', 'sepal_length_cm');

    expect(issuesOf(json)[0]).toContain('data.target is also listed in data.features');
  });

  it('rejects repeated feature names', () => {
    const json = withValue(irisJson, 'data.features[1]', 'sepal_length_cm');

    expect(issuesOf(json)).toEqual(['data.features[1] repeats "sepal_length_cm". Each entry must be different.']);
  });

  it('rejects an edge to an unknown node', () => {
    const json = withValue(irisJson, 'graph.edges[0].target', 'missing');

    expect(issuesOf(json)).toEqual([
      'graph.edges[0].target refers to the node "missing", which is not in graph.nodes.',
    ]);
  });

  it('rejects repeated node ids', () => {
    const json = withValue(irisJson, 'graph.nodes[2].id', 'hidden');

    expect(issuesOf(json)).toContain('graph.nodes[2].id repeats "hidden". Each node needs its own id.');
  });

  it('rejects an unknown node type', () => {
    const json = withValue(irisJson, 'graph.nodes[2].type', 'GELU');

    expect(issuesOf(json)[0]).toMatch(/^graph\.nodes\[2\]\.type must be one of "Input", .*got "GELU"\.$/);
  });

  it('reports an unknown type once', () => {
    const json = withValue(irisJson, 'graph.nodes[2].type', 'GELU');
    const issues = issuesOf(json);

    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain('graph.nodes[2].type must be one of');
    expect(issues.join('\n')).not.toContain('which is not in graph.nodes');
  });

  it('rejects a param of the wrong type', () => {
    const json = withValue(irisJson, 'graph.nodes[1].params.outFeatures', '16');

    expect(issuesOf(json)).toEqual(['graph.nodes[1].params.outFeatures must be a number, got "16".']);
  });

  it('lists every problem at once', () => {
    const json = withValues(irisJson, { 'training.lr': 0, 'training.epochs': -5, 'data.task': 'clustering' });

    expect(issuesOf(json)).toHaveLength(3);
  });

  it('loads a half-built graph', () => {
    const json = withValues(irisJson, { 'graph.edges': [], 'graph.nodes[1].params.outFeatures': -2 });

    expect(issuesOf(json)).toEqual([]);
  });
});
