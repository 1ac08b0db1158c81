import { describe, expect, it } from 'vitest';

import {
  checkModelFileSize,
  MAX_MODEL_FILE_BYTES,
  modelFromFile,
  parseModelFile,
  serializeModelFile,
  validateModelFile,
} from '../../engine/model';
import { JsonValidationError } from '../../engine/project';
import { Tensor } from '../../engine/tensor/tensor';
import { predict } from '../../engine/train';
import { withValue, withValues } from '../project/json-edit';
import { everyLayerJson, everyLayerModelFile } from './model-fixtures';

/** Validates `value` and returns the issue messages, or [] when it is valid. */
function issuesOf(value: unknown): string[] {
  try {
    validateModelFile(value);
    return [];
  } catch (error) {
    if (!(error instanceof JsonValidationError)) throw error;
    return error.issues.map((issue) => issue.message);
  }
}

describe('model file round trip', () => {
  it('restores every weight bit for bit', () => {
    const original = everyLayerModelFile();
    const loaded = parseModelFile(serializeModelFile(original));

    expect(Object.keys(loaded.stateDict)).toEqual(['0.weight', '0.bias', '3.weight', '5.weight', '5.bias', '7.weight', '7.bias']);
    for (const [name, entry] of Object.entries(original.stateDict)) {
      const restored = loaded.stateDict[name];
      expect(restored.shape).toEqual(entry.shape);
      expect(new Uint32Array(restored.values.buffer)).toEqual(new Uint32Array(entry.values.buffer));
    }
    expect({ ...loaded, stateDict: null }).toEqual({ ...original, stateDict: null });
  });

  it('rebuilds a model with the same outputs', () => {
    const file = everyLayerModelFile();
    const first = modelFromFile(file);
    const second = modelFromFile(parseModelFile(serializeModelFile(file)));
    const x = new Tensor(Float32Array.from({ length: 20 }, (_, i) => Math.sin(i)), [4, 5]);

    expect(Array.from(predict(second, x).data)).toEqual(Array.from(predict(first, x).data));
  });

  it('writes the same text twice', () => {
    const file = everyLayerModelFile();

    expect(serializeModelFile(parseModelFile(serializeModelFile(file)))).toBe(serializeModelFile(file));
  });

  it('refuses to write weights that are not finite', () => {
    const file = everyLayerModelFile();
    file.stateDict['0.bias'].values[2] = Number.NaN;

    expect(() => serializeModelFile(file)).toThrow(/0\.bias contains NaN at index 2, so training diverged/);
  });
});

describe('validateModelFile errors', () => {
  const good = everyLayerJson();

  it('accepts the fixture', () => {
    expect(issuesOf(good)).toEqual([]);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseModelFile('{"format": "wiregrad-model",')).toThrow(/The model file is not valid JSON/);
  });

  it('rejects a wrong format before reading further', () => {
    expect(issuesOf(withValues(good, { format: 'onnx', layers: 'nonsense', extra: 1 }))).toEqual([
      'format must be "wiregrad-model", got "onnx". Is this a Wiregrad model file?',
    ]);
  });

  it('names a project file before its unknown keys', () => {
    const project = { format: 'wiregrad-project', version: 1, name: 'x', graph: {}, data: {}, training: {} };

    expect(issuesOf(project)).toEqual([
      'This is a Wiregrad project file, not a model file. Train it first ' +
        "(with 'wiregrad train' or the Train button), which writes the model file.",
    ]);
  });

  it('rejects a wrong version', () => {
    expect(issuesOf(withValue(good, 'version', 2))).toEqual([
      'version must be 1, got 2. This file was written by a different version of Wiregrad.',
    ]);
  });

  it('rejects an extra key at the top', () => {
    expect(issuesOf(withValue(good, 'comment', 'hi'))[0]).toMatch(/^comment is not a known key/);
  });

  it('rejects an extra key in a layer', () => {
    expect(issuesOf(withValue(good, 'layers[1].inplace', true))[0]).toMatch(/^layers\[1\]\.inplace is not a known key/);
  });

  it('rejects __proto__ keys', () => {
    const text = serializeModelFile(everyLayerModelFile()).replace('"format"', '"__proto__": {"x": 1}, "format"');

    expect(() => parseModelFile(text)).toThrow(/__proto__ is not allowed/);
  });

  it('rejects NaN written as a string', () => {
    const json = editStateDict(good, '0.bias', (entry) => ({ ...entry, values: [0, 0, 0, 'NaN', 0, 0, 0, 0] }));

    expect(issuesOf(json)).toEqual([
      'stateDict.0.bias.values[3] must be a finite number within the range of a 32-bit float ' +
        '(about ±3.4e38), got "NaN".',
    ]);
  });

  it('rejects a weight that is infinite as a float32', () => {
    const json = editStateDict(good, '0.bias', (entry) => ({ ...entry, values: [0, 1e308, 0, 0, 0, 0, 0, 0] }));

    expect(issuesOf(json)).toEqual([
      'stateDict.0.bias.values[1] must be a finite number within the range of a 32-bit float ' +
        '(about ±3.4e38), got 1e+308.',
    ]);
  });

  it('rejects standardisation values beyond float32', () => {
    const json = withValues(good, { 'standardization.mean[0]': -1e39, 'standardization.std[1]': 1e308 });

    expect(issuesOf(json)).toEqual([
      'standardization.mean[0] must be a finite number within the range of a 32-bit float ' +
        '(about ±3.4e38), got -1e+39.',
      'standardization.std[1] must be a positive number within the range of a 32-bit float ' +
        '(about ±3.4e38), got 1e+308.',
    ]);
  });

  it('rejects a weight of the wrong shape', () => {
    const json = editStateDict(good, '0.weight', (entry) => ({ ...entry, shape: [5, 8] }));

    expect(issuesOf(json)).toEqual(['stateDict.0.weight.shape must be [8,5] to match the layers, got [5,8].']);
  });

  it('rejects a weight with too few values', () => {
    const json = editStateDict(good, '0.weight', (entry) => ({ ...entry, values: entry.values.slice(1) }));

    expect(issuesOf(json)).toEqual(['stateDict.0.weight.values must have 40 numbers for shape [8,5], got 39.']);
  });

  it('rejects a missing and an unexpected parameter', () => {
    const json = editStateDict(good, '3.weight', () => undefined);
    const extra = editStateDict(good, '3.bias', () => ({ shape: [6], values: [0, 0, 0, 0, 0, 0] }));

    expect(issuesOf(json)).toEqual(['stateDict.3.weight is missing.']);
    expect(issuesOf(extra)[0]).toMatch(/^stateDict\.3\.bias is not a known key/);
  });

  it('rejects a layer that does not fit the one before', () => {
    const json = withValues(good, { 'layers[3].inFeatures': 7 });

    expect(issuesOf(json)[0]).toBe('layers[3].inFeatures must be 8, the outFeatures of layers[0], got 7.');
  });

  it('rejects a first layer that does not fit the features', () => {
    const json = withValue(good, 'features', ['a', 'b', 'c', 'd']);

    expect(issuesOf(json)).toContain('layers[0].inFeatures must be 4, the number of features, got 5.');
  });

  it('rejects absurd layer sizes without allocating them', () => {
    const before = process.memoryUsage().arrayBuffers;
    const json = withValues(good, { 'layers[0].inFeatures': 1e9, 'layers[0].outFeatures': 1e9 });
    const issues = issuesOf(json);

    expect(issues).toContain('layers[0].inFeatures must be a whole number from 1 to 65536, got 1000000000.');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('rejects a model over the parameter limit before reading weights', () => {
    const layers = [
      { type: 'Linear', inFeatures: 5, outFeatures: 60000, bias: true },
      { type: 'Linear', inFeatures: 60000, outFeatures: 60000, bias: true },
      { type: 'Linear', inFeatures: 60000, outFeatures: 3, bias: true },
    ];

    expect(issuesOf(withValue(good, 'layers', layers))).toEqual([
      'layers must describe at most 4000000 parameters in all, got 3600600003. Use smaller layers.',
    ]);
  });

  it('rejects 1e9 features as a count', () => {
    const json = withValue(good, 'standardization.mean', { length: 1e9 });

    expect(issuesOf(json)).toContain('standardization.mean must be an array, got an object.');
  });

  it('rejects a std of zero', () => {
    expect(issuesOf(withValue(good, 'standardization.std[2]', 0))).toEqual([
      'standardization.std[2] must be a positive number within the range of a 32-bit float ' +
        '(about ±3.4e38), got 0.',
    ]);
  });

  it('rejects a class count that differs from the outputs', () => {
    expect(issuesOf(withValue(good, 'classes', ['x', 'y', 'z', 'w']))).toEqual([
      'layers must end with 4 outputs, one per class, got 3.',
    ]);
  });

  it('rejects a loss that does not fit the task', () => {
    expect(issuesOf(withValue(good, 'training.loss', 'MSELoss'))).toEqual([
      'training.loss must be CrossEntropyLoss for a multiclass model, got "MSELoss".',
    ]);
  });

  it('rejects a best epoch after the last epoch', () => {
    expect(issuesOf(withValue(good, 'metrics.bestEpoch', 11))).toEqual([
      'metrics.bestEpoch must not be after the last epoch that ran (10), got 11.',
    ]);
  });

  it('rejects a document that is not an object', () => {
    expect(issuesOf(null)).toEqual(['The model file must be an object, got null']);
  });

  it('rejects a file over the byte limit before reading it', () => {
    expect(() => checkModelFileSize(500 * 1024 * 1024)).toThrow(
      'The model file is 524288000 bytes, but the limit is 67108864 bytes (64 MiB).',
    );
    expect(() => checkModelFileSize(MAX_MODEL_FILE_BYTES)).not.toThrow();
  });

  it('rejects text over the limit before parsing it', () => {
    const text = `[${' '.repeat(MAX_MODEL_FILE_BYTES)}]`;

    expect(() => parseModelFile(text)).toThrow(/67108866 bytes, but the limit is 67108864/);
  });
});

interface EntryJson {
  shape: number[];
  values: unknown[];
}

/** Returns a copy of `json` with one stateDict entry replaced (or removed when `edit` returns undefined). */
function editStateDict(json: unknown, name: string, edit: (entry: EntryJson) => EntryJson | undefined): unknown {
  const copy = structuredClone(json) as { stateDict: Record<string, EntryJson | undefined> };
  const current = copy.stateDict[name] ?? { shape: [], values: [] };
  const next = edit(current);
  if (next === undefined) delete copy.stateDict[name];
  else copy.stateDict[name] = next;
  return copy;
}
