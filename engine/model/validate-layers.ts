/**
 * Validators of the model file's architecture and weights: the layer list, the widths
 * that connect the layers, and the state dict against them. Every size is checked
 * before anything of that size is allocated.
 */

import {
  countLayerParameters,
  LAYER_TYPES,
  MAX_FEATURES,
  MAX_LAYERS,
  MAX_PARAMETERS,
  parameterNames,
  parameterShape,
  type LayerSpec,
} from '../graph/layer-spec';
import { childPath, describeJson, type JsonChecker } from '../project/json-checks';
import type { StateDictEntry } from './types';

const widthRule = `a whole number from 1 to ${MAX_FEATURES}`;

/** The values a float32 can hold, as messages name them. */
export const FLOAT32_RANGE = 'the range of a 32-bit float (about ±3.4e38)';

/** Requirement on a weight or standardisation value, which the model uses as a float32. */
export const FLOAT32_RULE = `a finite number within ${FLOAT32_RANGE}`;

function checkLayer(check: JsonChecker, value: unknown, path: string): LayerSpec | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !('type' in value)) {
    check.object(value, path, ['type']);
    return undefined;
  }
  const type = check.oneOf(value.type, childPath(path, 'type'), LAYER_TYPES);
  if (type === undefined) return undefined;
  const at = (key: string) => childPath(path, key);

  switch (type) {
    case 'Linear': {
      const record = check.object(value, path, ['type', 'inFeatures', 'outFeatures', 'bias']);
      const inFeatures = check.number(record?.inFeatures, at('inFeatures'), widthRule, {
        integer: true,
        min: 1,
        max: MAX_FEATURES,
      });
      const outFeatures = check.number(record?.outFeatures, at('outFeatures'), widthRule, {
        integer: true,
        min: 1,
        max: MAX_FEATURES,
      });
      const bias = check.boolean(record?.bias, at('bias'));
      if (inFeatures === undefined || outFeatures === undefined || bias === undefined) return undefined;
      return { type, inFeatures, outFeatures, bias };
    }
    case 'LeakyReLU': {
      const record = check.object(value, path, ['type', 'negativeSlope']);
      const negativeSlope = check.number(record?.negativeSlope, at('negativeSlope'), 'a number');
      return negativeSlope === undefined ? undefined : { type, negativeSlope };
    }
    case 'Dropout': {
      const record = check.object(value, path, ['type', 'p']);
      const p = check.number(record?.p, at('p'), 'a number from 0 up to (not including) 1', {
        min: 0,
        exclusiveMax: 1,
      });
      return p === undefined ? undefined : { type, p };
    }
    case 'Softmax': {
      const record = check.object(value, path, ['type', 'dim']);
      const dim = check.oneOf(record?.dim, at('dim'), [-1, 1]);
      return dim === undefined ? undefined : { type, dim };
    }
    default: {
      check.object(value, path, ['type']);
      return { type };
    }
  }
}

/**
 * Checks the layer list and that each Linear layer's inFeatures matches the width
 * before it, starting from `inputWidth` features.
 *
 * @returns the layers, or undefined when any layer is invalid.
 */
export function checkLayers(
  check: JsonChecker,
  value: unknown,
  path: string,
  inputWidth: number | undefined,
): LayerSpec[] | undefined {
  const items = check.array(value, path, { minItems: 1, maxItems: MAX_LAYERS });
  if (items === undefined) return undefined;
  const before = check.issues.length;

  const layers: LayerSpec[] = [];
  items.forEach((item, i) => {
    const layer = checkLayer(check, item, childPath(path, i));
    if (layer !== undefined) layers.push(layer);
  });
  if (check.issues.length > before) return undefined;

  if (!layers.some((layer) => layer.type === 'Linear')) {
    return check.report(path, 'must contain at least one Linear layer.');
  }

  let width = inputWidth;
  let widthSource = 'the number of features';
  layers.forEach((layer, i) => {
    if (layer.type !== 'Linear') return;
    if (width !== undefined && layer.inFeatures !== width) {
      check.report(
        childPath(childPath(path, i), 'inFeatures'),
        `must be ${width}, ${widthSource}, got ${layer.inFeatures}.`,
      );
    }
    width = layer.outFeatures;
    widthSource = `the outFeatures of ${childPath(path, i)}`;
  });

  const total = layers.reduce((sum, layer) => sum + countLayerParameters(layer), 0);
  if (total > MAX_PARAMETERS) {
    check.report(
      path,
      `must describe at most ${MAX_PARAMETERS} parameters in all, got ${total}. Use smaller layers.`,
    );
  }
  return check.issues.length > before ? undefined : layers;
}

/** Returns the width the model outputs: the outFeatures of its last Linear layer. */
export function outputWidthOf(layers: LayerSpec[]): number {
  let width = 0;
  for (const layer of layers) if (layer.type === 'Linear') width = layer.outFeatures;
  return width;
}

/**
 * Checks the state dict against the layers: exactly the parameter names of the
 * layers, each with the expected shape and that many finite float32 values.
 * Allocates a Float32Array only after its size has been checked.
 */
export function checkStateDict(
  check: JsonChecker,
  value: unknown,
  path: string,
  layers: LayerSpec[] | undefined,
): Record<string, StateDictEntry> | undefined {
  if (layers === undefined) {
    // Without valid layers the expected names are unknown, so only the type is checked.
    if (value === null || typeof value !== 'object' || Array.isArray(value)) check.object(value, path, []);
    return undefined;
  }

  const expected = new Map<string, number[]>();
  layers.forEach((layer, i) => {
    for (const name of parameterNames(layer, i)) expected.set(name, parameterShape(layer, name));
  });
  const record = check.object(value, path, [...expected.keys()]);
  if (record === undefined) return undefined;
  const before = check.issues.length;

  const state: Record<string, StateDictEntry> = {};
  for (const [name, shape] of expected) {
    if (!Object.hasOwn(record, name)) continue;
    const entry = checkEntry(check, record[name], childPath(path, name), shape);
    if (entry !== undefined) state[name] = entry;
  }
  return check.issues.length > before ? undefined : state;
}

function checkEntry(
  check: JsonChecker,
  value: unknown,
  path: string,
  expectedShape: number[],
): StateDictEntry | undefined {
  const record = check.object(value, path, ['shape', 'values']);
  if (record === undefined) return undefined;

  const shapeItems = check.array(record.shape, childPath(path, 'shape'), { maxItems: 2 });
  if (shapeItems === undefined) return undefined;
  const sameShape =
    shapeItems.length === expectedShape.length && shapeItems.every((size, i) => size === expectedShape[i]);
  if (!sameShape) {
    return check.report(
      childPath(path, 'shape'),
      `must be ${JSON.stringify(expectedShape)} to match the layers, got ${JSON.stringify(shapeItems)}.`,
    );
  }

  const count = expectedShape.reduce((product, size) => product * size, 1);
  const valuesPath = childPath(path, 'values');
  const items = check.array(record.values, valuesPath, { maxItems: MAX_PARAMETERS });
  if (items === undefined) return undefined;
  if (items.length !== count) {
    const shape = JSON.stringify(expectedShape);
    const numbers = count === 1 ? '1 number' : `${count} numbers`;
    return check.report(valuesPath, `must have ${numbers} for shape ${shape}, got ${items.length}.`);
  }

  const values = new Float32Array(count);
  for (let i = 0; i < count; i += 1) {
    const item = items[i];
    // Storing the value first also catches a finite float64 such as 1e308 that is Infinity as a float32.
    values[i] = typeof item === 'number' ? item : NaN;
    if (!Number.isFinite(values[i])) {
      return check.report(childPath(valuesPath, i), `must be ${FLOAT32_RULE}, got ${describeJson(item)}.`);
    }
  }
  return { shape: [...expectedShape], values };
}
