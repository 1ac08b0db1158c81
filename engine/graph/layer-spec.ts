/**
 * The architecture of a compiled graph as a plain list of layers, in the order of the
 * `nn.Sequential` it builds. The model file stores this list, so it holds only what
 * decides the model's shapes and forward pass, never canvas or training settings.
 */

export type LayerSpec =
  | { type: 'Linear'; inFeatures: number; outFeatures: number; bias: boolean }
  | { type: 'ReLU' }
  | { type: 'LeakyReLU'; negativeSlope: number }
  | { type: 'Sigmoid' }
  | { type: 'Tanh' }
  | { type: 'Softmax'; dim: number }
  | { type: 'Dropout'; p: number };

export type LayerType = LayerSpec['type'];

export const LAYER_TYPES: readonly LayerType[] = [
  'Linear',
  'ReLU',
  'LeakyReLU',
  'Sigmoid',
  'Tanh',
  'Softmax',
  'Dropout',
];

/** One dimension of a shape: a size, or 'N' for the batch size. */
export type Dim = number | 'N';
export type Shape = readonly Dim[];

/** Maximum `inFeatures` or `outFeatures` of one layer, and of the Input node. */
export const MAX_FEATURES = 65_536;

/** Maximum number of layers in one model. */
export const MAX_LAYERS = 256;

/**
 * Maximum number of parameters in one model: 4 million float32 values are 16 MB in
 * memory and about 50 MB as model-file text.
 */
export const MAX_PARAMETERS = 4_000_000;

/** Default `negativeSlope` of LeakyReLU, as in PyTorch. */
export const DEFAULT_NEGATIVE_SLOPE = 0.01;

/** Default `p` of Dropout, as in PyTorch. */
export const DEFAULT_DROPOUT_P = 0.5;

/** Default `dim` of Softmax: the feature dimension of an [N, F] input. */
export const DEFAULT_SOFTMAX_DIM = -1;

/**
 * Counts the parameters of one layer: `outFeatures * inFeatures` weights plus
 * `outFeatures` biases for Linear, 0 for every other layer.
 */
export function countLayerParameters(layer: LayerSpec): number {
  if (layer.type !== 'Linear') return 0;
  const biasCount = layer.bias ? layer.outFeatures : 0;
  return layer.outFeatures * layer.inFeatures + biasCount;
}

/** Returns the feature width a layer outputs, given the width it receives. */
export function layerOutputWidth(layer: LayerSpec, inputWidth: number): number {
  return layer.type === 'Linear' ? layer.outFeatures : inputWidth;
}

/**
 * Describes a layer as PyTorch prints it, shortened for messages:
 * `Linear(4 → 16)`, `LeakyReLU(negativeSlope=0.2)`, `Dropout(p=0.3)`, `ReLU()`.
 */
export function describeLayer(layer: LayerSpec): string {
  switch (layer.type) {
    case 'Linear': {
      const bias = layer.bias ? '' : ', bias=false';
      return `Linear(${layer.inFeatures} → ${layer.outFeatures}${bias})`;
    }
    case 'LeakyReLU':
      return `LeakyReLU(negativeSlope=${layer.negativeSlope})`;
    case 'Softmax':
      return `Softmax(dim=${layer.dim})`;
    case 'Dropout':
      return `Dropout(p=${layer.p})`;
    default:
      return `${layer.type}()`;
  }
}

/** Returns the PyTorch `state_dict` names of a layer's parameters at `index` in the Sequential. */
export function parameterNames(layer: LayerSpec, index: number): string[] {
  if (layer.type !== 'Linear') return [];
  return layer.bias ? [`${index}.weight`, `${index}.bias`] : [`${index}.weight`];
}

/** Returns the expected shape of a `state_dict` entry: weight [out, in], bias [out]. */
export function parameterShape(layer: LayerSpec, name: string): number[] {
  if (layer.type !== 'Linear') {
    throw new Error(`Internal error: ${describeLayer(layer)} has no parameter "${name}".`);
  }
  return name.endsWith('.weight') ? [layer.outFeatures, layer.inFeatures] : [layer.outFeatures];
}

/** Formats a shape the way the editor labels edges: `[N, 16]`. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}
