/**
 * Builds an `nn.Sequential` from a layer list, with optional per-layer weight
 * initialisation and frozen parameters.
 */

import * as nn from '../nn';
import { Generator } from '../tensor/random';
import type { LayerSpec } from './layer-spec';
import type { WeightInit } from './types';

/** Training-side settings of one Linear layer that the layer list does not store. */
export interface LinearSetup {
  init?: WeightInit;
  frozen?: boolean;
}

export interface BuildOptions {
  /** Settings by layer index; layers that are not Linear ignore them. */
  setup?: readonly (LinearSetup | undefined)[];
  /** Seed of the weight initialisation (default 0). The same seed gives the same weights. */
  seed?: number;
}

/** Creates the module for one layer; Linear weights are filled afterwards. */
function createLayer(layer: LayerSpec): nn.Module {
  switch (layer.type) {
    case 'Linear':
      return new nn.Linear(layer.inFeatures, layer.outFeatures, layer.bias);
    case 'ReLU':
      return new nn.ReLU();
    case 'LeakyReLU':
      return new nn.LeakyReLU(layer.negativeSlope);
    case 'Sigmoid':
      return new nn.Sigmoid();
    case 'Tanh':
      return new nn.Tanh();
    case 'Softmax':
      return new nn.Softmax(layer.dim);
    case 'Dropout':
      return new nn.Dropout(layer.p);
  }
}

/**
 * Fills a Linear layer's weight and bias from `generator`.
 *
 * - `default`: PyTorch's own, kaiming_uniform_(a=√5) for the weight, which is
 *   U(-1/√inFeatures, 1/√inFeatures), and the same range for the bias.
 * - `xavierUniform`: xavier_uniform_ for the weight, zeros for the bias.
 * - `kaimingUniform`: kaiming_uniform_(nonlinearity='relu') for the weight, zeros for the bias.
 * - `zeros`: zeros for both.
 */
export function initializeLinear(layer: nn.Linear, init: WeightInit, generator: Generator): void {
  const bias = layer.bias;
  switch (init) {
    case 'default': {
      nn.init.kaimingUniform_(layer.weight, { a: Math.sqrt(5), generator });
      const bound = 1 / Math.sqrt(layer.inFeatures);
      if (bias !== null) nn.init.uniform_(bias, -bound, bound, generator);
      return;
    }
    case 'xavierUniform':
      nn.init.xavierUniform_(layer.weight, 1, generator);
      break;
    case 'kaimingUniform':
      nn.init.kaimingUniform_(layer.weight, { nonlinearity: 'relu', generator });
      break;
    case 'zeros':
      nn.init.zeros_(layer.weight);
      break;
  }
  if (bias !== null) nn.init.zeros_(bias);
}

/**
 * Builds an `nn.Sequential` from `layers` and initialises its Linear layers with a
 * generator seeded by `options.seed`, so the global generator is left untouched.
 *
 * @param layers the architecture, as analyzeGraph or a model file returns it.
 */
export function buildSequential(layers: readonly LayerSpec[], options: BuildOptions = {}): nn.Sequential {
  const generator = new Generator(options.seed ?? 0);
  const modules = layers.map((layer, i) => {
    const module = createLayer(layer);
    if (module instanceof nn.Linear) {
      const setup = options.setup?.[i] ?? {};
      initializeLinear(module, setup.init ?? 'default', generator);
      if (setup.frozen === true) {
        for (const parameter of module.parameters()) parameter.requiresGrad = false;
      }
    }
    return module;
  });
  return new nn.Sequential(...modules);
}
