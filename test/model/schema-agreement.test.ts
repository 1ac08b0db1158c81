import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';

import { compileGraph } from '../../engine/graph';
import { createModelFile, serializeModelFile, validateModelFile } from '../../engine/model';
import { JsonValidationError } from '../../engine/project';
import { chainGraph } from '../graph/graph-builders';
import { withValue, withValues } from '../project/json-edit';
import { everyLayerJson, trainingSettings } from './model-fixtures';

const schemaPath = fileURLToPath(new URL('../../engine/model/model-file.schema.json', import.meta.url));
const schema: unknown = JSON.parse(readFileSync(schemaPath, 'utf8'));
const ajv = new Ajv2020({ strict: true, allErrors: true });
const schemaAccepts = ajv.compile(typeof schema === 'object' && schema !== null ? schema : {});

function validatorAccepts(json: unknown): boolean {
  try {
    validateModelFile(json);
    return true;
  } catch (error) {
    if (error instanceof JsonValidationError) return false;
    throw error;
  }
}

/**
 * Builds a one-layer model, 3 features → Linear(1), as parsed JSON: a regression model
 * without standardisation, or a binary classifier with it.
 */
function oneLayerJson(task: 'regression' | 'binary'): unknown {
  const compiled = compileGraph(chainGraph([['Input', { features: 3 }], ['Linear', { outFeatures: 1 }], ['Output']]));
  if (compiled.model === null || compiled.layers === null) throw new Error('oneLayerJson: the graph has errors');
  const binary = task === 'binary';
  const file = createModelFile({
    name: '',
    layers: compiled.layers,
    model: compiled.model,
    data: {
      features: ['x1', 'x2', 'x3'],
      target: 'y',
      task,
      classes: binary ? ['no', 'yes'] : null,
      featureMean: [0, 1, 2],
      featureStd: [1, 2, 3],
    },
    standardized: binary,
    training: {
      ...trainingSettings,
      loss: binary ? 'BCEWithLogitsLoss' : 'MSELoss',
      optimizer: 'SGD',
      momentum: 0.9,
      validationSplit: 0,
    },
    metrics: {
      epochsRun: 1,
      bestEpoch: 1,
      interrupted: true,
      trainLoss: 12,
      valLoss: null,
      trainAccuracy: binary ? 0.5 : null,
      valAccuracy: null,
      valMse: null,
    },
  });
  return JSON.parse(serializeModelFile(file));
}

const good = everyLayerJson();
const proto = JSON.parse(JSON.stringify(good).replace('"format"', '"__proto__": {"polluted": 1}, "format"'));
const firstBias = /("0\.bias":\{"shape":\[8\],"values":\[)[^,]+/;
const hugeBias = JSON.parse(JSON.stringify(good).replace(firstBias, (_match, head: string) => `${head}1e308`));

const goodFiles: [string, unknown][] = [
  ['every layer type', good],
  ['regression without standardisation', oneLayerJson('regression')],
  ['binary task', oneLayerJson('binary')],
];

const badFiles: [string, unknown][] = [
  ['not an object', [1, 2, 3]],
  ['wrong format', withValue(good, 'format', 'wiregrad-project')],
  ['wrong version', withValue(good, 'version', 2)],
  ['version as a string', withValue(good, 'version', '1')],
  ['extra key at the top', withValue(good, 'notes', 'x')],
  ['missing key', withValue(good, 'metrics', undefined)],
  ['__proto__ key', proto],
  ['extra key in a layer', withValue(good, 'layers[0].activation', 'relu')],
  ['unknown layer type', withValue(good, 'layers[1]', { type: 'GELU' })],
  ['Linear without bias flag', withValue(good, 'layers[0].bias', undefined)],
  ['width of 1e9', withValue(good, 'layers[0].outFeatures', 1e9)],
  ['fractional width', withValue(good, 'layers[0].outFeatures', 7.5)],
  ['Dropout p of 1', withValue(good, 'layers[2].p', 1)],
  ['Softmax over the batch', withValue(good, 'layers[8].dim', 0)],
  ['NaN as a string', withValue(good, 'stateDict', { '0.weight': { shape: [8, 5], values: ['NaN'] } })],
  ['state dict name with a suffix', withValue(good, 'stateDict', { '0.weight.extra': { shape: [1], values: [0] } })],
  ['tensor with an extra key', withValue(good, 'stateDict', { '0.weight': { shape: [8, 5], values: [], dtype: 'f32' } })],
  ['empty feature name', withValue(good, 'features[0]', ' ')],
  ['repeated feature', withValue(good, 'features[1]', 'a')],
  ['no features', withValue(good, 'features', [])],
  ['one class', withValue(good, 'classes', ['x'])],
  ['std of zero', withValue(good, 'standardization.std[0]', 0)],
  ['weight beyond float32', hugeBias],
  ['mean beyond float32', withValue(good, 'standardization.mean[0]', -1e39)],
  ['std beyond float32', withValue(good, 'standardization.std[0]', 3.5e38)],
  ['standardization with an extra key', withValue(good, 'standardization.scale', [1])],
  ['unknown task', withValue(good, 'task', 'ranking')],
  ['negative learning rate', withValue(good, 'training.lr', -1)],
  ['momentum of 1', withValue(good, 'training.momentum', 1)],
  ['seed over 32 bits', withValue(good, 'training.seed', 2 ** 32)],
  ['accuracy above 1', withValue(good, 'metrics.valAccuracy', 1.5)],
  ['epochs run of 0', withValue(good, 'metrics.epochsRun', 0)],
  ['interrupted as a string', withValue(good, 'metrics.interrupted', 'no')],
];

/** Files that break a rule between fields: JSON Schema cannot express these, only the loader checks them. */
const crossFieldFiles: [string, unknown][] = [
  ['Linear width that does not fit the layer before', withValue(good, 'layers[3].inFeatures', 7)],
  ['more classes than outputs', withValue(good, 'classes', ['x', 'y', 'z', 'w'])],
  ['loss that does not fit the task', withValue(good, 'training.loss', 'MSELoss')],
  ['best epoch after the last', withValue(good, 'metrics.bestEpoch', 11)],
  ['std shorter than the features', withValue(good, 'standardization.std', [1, 1])],
];

describe('model file schema and validator', () => {
  it('compiles the schema in strict mode', () => {
    expect(ajv.errors ?? null).toBeNull();
  });

  it.each(goodFiles)('both accept: %s', (_name, json) => {
    expect(schemaAccepts(json), JSON.stringify(schemaAccepts.errors)).toBe(true);
    expect(validatorAccepts(json)).toBe(true);
  });

  it.each(badFiles)('both reject: %s', (_name, json) => {
    expect(schemaAccepts(json)).toBe(false);
    expect(validatorAccepts(json)).toBe(false);
  });

  it.each(crossFieldFiles)('only the validator rejects: %s', (_name, json) => {
    expect(schemaAccepts(json), JSON.stringify(schemaAccepts.errors)).toBe(true);
    expect(validatorAccepts(json)).toBe(false);
  });
});
