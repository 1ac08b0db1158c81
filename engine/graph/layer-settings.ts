/**
 * Checks the settings of one layer node and turns it into a LayerSpec, given the
 * feature width it receives from the chain before it.
 */

import type { GraphError } from './chain';
import {
  DEFAULT_DROPOUT_P,
  DEFAULT_NEGATIVE_SLOPE,
  DEFAULT_SOFTMAX_DIM,
  MAX_FEATURES,
  type LayerSpec,
} from './layer-spec';
import type { GraphNode, WeightInit } from './types';

export const WEIGHT_INITS: readonly WeightInit[] = ['default', 'xavierUniform', 'kaimingUniform', 'zeros'];

/** Source of the feature width that reaches a layer, so that messages can name what to change. */
export interface WidthSource {
  width: number;
  /** `Input node` or a layer description such as `Linear(4 → 8)`. */
  name: string;
  /** Node to change for a different width. */
  nodeId: string;
  fromInput: boolean;
}

export interface LayerCheck {
  /** The layer, or null when its settings are invalid or its input width is unknown. */
  spec: LayerSpec | null;
  /** Width the layer outputs, or null when unknown. */
  outWidth: number | null;
  errors: GraphError[];
}

/** Describes a value for messages: numbers as written, everything else as JSON. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/**
 * Checks one layer node (any type except Input and Output).
 *
 * @param node the layer node; only the params of its own type are read.
 * @param source the width reaching the node and where it was set, or null when unknown.
 */
export function checkLayer(node: GraphNode, source: WidthSource | null): LayerCheck {
  const params = node.params ?? {};
  const inWidth = source?.width ?? null;
  const fail = (message: string): LayerCheck => ({
    spec: null,
    outWidth: null,
    errors: [{ nodeId: node.id, message }],
  });

  switch (node.type) {
    case 'Linear':
      return checkLinear(node, source);

    case 'ReLU':
    case 'Sigmoid':
    case 'Tanh':
      return { spec: inWidth === null ? null : { type: node.type }, outWidth: inWidth, errors: [] };

    case 'LeakyReLU': {
      const negativeSlope = params.negativeSlope ?? DEFAULT_NEGATIVE_SLOPE;
      if (typeof negativeSlope !== 'number' || !Number.isFinite(negativeSlope)) {
        return fail(
          "LeakyReLU negativeSlope must be a number (PyTorch's default is 0.01), " +
            `got ${describeValue(negativeSlope)}.`,
        );
      }
      const spec: LayerSpec | null = inWidth === null ? null : { type: 'LeakyReLU', negativeSlope };
      return { spec, outWidth: inWidth, errors: [] };
    }

    case 'Dropout': {
      const p = params.p ?? DEFAULT_DROPOUT_P;
      if (typeof p !== 'number' || !(p >= 0 && p < 1)) {
        return fail(
          `Dropout p is the probability of zeroing an element, so it must be at least 0 and below 1, ` +
            `got ${describeValue(p)}. Try 0.2 to 0.5.`,
        );
      }
      return { spec: inWidth === null ? null : { type: 'Dropout', p }, outWidth: inWidth, errors: [] };
    }

    case 'Softmax': {
      const dim = params.dim ?? DEFAULT_SOFTMAX_DIM;
      if (dim !== -1 && dim !== 1) {
        return fail(
          'Softmax dim must be -1 or 1, the feature dimension of its [N, F] input, ' +
            `got ${describeValue(dim)}. ` +
            'Dim 0 would normalise across the samples of a batch. Set dim to -1.',
        );
      }
      return { spec: inWidth === null ? null : { type: 'Softmax', dim }, outWidth: inWidth, errors: [] };
    }

    default:
      return fail(`Internal error: checkLayer got a ${String(node.type)} node, which is not a layer.`);
  }
}

function checkLinear(node: GraphNode, source: WidthSource | null): LayerCheck {
  const params = node.params ?? {};
  const errors: GraphError[] = [];
  const report = (message: string) => errors.push({ nodeId: node.id, message });

  const outFeatures = params.outFeatures;
  let outWidth: number | null = null;
  if (outFeatures === undefined) {
    report(
      'Linear needs outFeatures, the number of values it outputs per sample. Set it, for example to 16.',
    );
  } else if (!isPositiveInteger(outFeatures)) {
    report(`Linear outFeatures must be a positive whole number, got ${describeValue(outFeatures)}.`);
  } else if (outFeatures > MAX_FEATURES) {
    report(`Linear outFeatures must be at most ${MAX_FEATURES}, got ${outFeatures}. Use a smaller layer.`);
  } else {
    outWidth = outFeatures;
  }

  const inFeatures = params.inFeatures;
  let declaredIn: number | null = null;
  if (inFeatures !== undefined) {
    if (!isPositiveInteger(inFeatures) || inFeatures > MAX_FEATURES) {
      report(
        `Linear inFeatures must be a positive whole number up to ${MAX_FEATURES}, ` +
          `got ${describeValue(inFeatures)}. ` +
          'Clear it to take the width from the layer before.',
      );
    } else {
      declaredIn = inFeatures;
    }
  }

  if (declaredIn !== null && source !== null && declaredIn !== source.width) {
    const shown = `Linear(${declaredIn} → ${outWidth ?? '?'})`;
    const origin = source.fromInput
      ? `the Input node, which provides ${source.width} features per sample`
      : `the ${source.name} before it, which outputs ${source.width} features`;
    const otherFix = source.fromInput
      ? 'or choose feature columns that match'
      : `or change the out features of ${source.name} to ${declaredIn}`;
    report(
      `${shown} expects ${declaredIn} input features but is fed ${source.width} by ${origin}. ` +
        `Set this layer's inFeatures to ${source.width} (or clear it to follow the layer before), ` +
        `${otherFix}.`,
    );
  }

  const bias = params.bias ?? true;
  if (typeof bias !== 'boolean') report(`Linear bias must be true or false, got ${describeValue(bias)}.`);

  const init = params.init ?? 'default';
  if (!WEIGHT_INITS.includes(init)) {
    report(`Linear init must be one of ${WEIGHT_INITS.join(', ')}, got ${describeValue(init)}.`);
  }

  const frozen = params.frozen ?? false;
  if (typeof frozen !== 'boolean') {
    report(`Linear frozen must be true or false, got ${describeValue(frozen)}.`);
  }

  const inWidth = source?.width ?? declaredIn;
  if (errors.length > 0 || outWidth === null || inWidth === null || typeof bias !== 'boolean') {
    return { spec: null, outWidth, errors };
  }
  return { spec: { type: 'Linear', inFeatures: inWidth, outFeatures: outWidth, bias }, outWidth, errors };
}
