/**
 * Facts about each node type for the palette and the canvas: a one-line description
 * for the learner, the PyTorch class it becomes, its default settings and its handles.
 */

import type { NodeParams, NodeType } from '../../../../engine/graph/types';

export interface NodeTypeInfo {
  type: NodeType;
  /** Description of the node in a learner's words; the palette shows it as a tooltip. */
  description: string;
  /** Settings a new node starts with; absent fields use the engine's defaults. */
  defaults: NodeParams;
  /** Whether the node receives a tensor (all but Input) and sends one (all but Output). */
  hasInput: boolean;
  hasOutput: boolean;
  /** Group in the palette. */
  group: 'Data' | 'Layers' | 'Activations' | 'Regularization';
}

/** Output size of a new Linear layer. */
export const DEFAULT_OUT_FEATURES = 16;

export const NODE_CATALOG: readonly NodeTypeInfo[] = [
  {
    type: 'Input',
    description: 'One sample of the data set: a row of feature values.',
    defaults: {},
    hasInput: false,
    hasOutput: true,
    group: 'Data',
  },
  {
    type: 'Linear',
    description: 'nn.Linear: multiplies by a weight matrix and adds a bias, y = x·Wᵀ + b.',
    defaults: { outFeatures: DEFAULT_OUT_FEATURES, bias: true, init: 'default', frozen: false },
    hasInput: true,
    hasOutput: true,
    group: 'Layers',
  },
  {
    type: 'ReLU',
    description: 'nn.ReLU: keeps positive values and sets negative ones to 0.',
    defaults: {},
    hasInput: true,
    hasOutput: true,
    group: 'Activations',
  },
  {
    type: 'LeakyReLU',
    description: 'nn.LeakyReLU: like ReLU, but negative values keep a small slope.',
    defaults: { negativeSlope: 0.01 },
    hasInput: true,
    hasOutput: true,
    group: 'Activations',
  },
  {
    type: 'Sigmoid',
    description: 'nn.Sigmoid: squashes each value into (0, 1).',
    defaults: {},
    hasInput: true,
    hasOutput: true,
    group: 'Activations',
  },
  {
    type: 'Tanh',
    description: 'nn.Tanh: squashes each value into (-1, 1).',
    defaults: {},
    hasInput: true,
    hasOutput: true,
    group: 'Activations',
  },
  {
    type: 'Softmax',
    description: 'nn.Softmax: turns scores into probabilities that sum to 1.',
    defaults: { dim: -1 },
    hasInput: true,
    hasOutput: true,
    group: 'Activations',
  },
  {
    type: 'Dropout',
    description: 'nn.Dropout: in training, zeroes each value with probability p.',
    defaults: { p: 0.5 },
    hasInput: true,
    hasOutput: true,
    group: 'Regularization',
  },
  {
    type: 'Output',
    description: "The model's prediction, which the loss compares with the target.",
    defaults: {},
    hasInput: true,
    hasOutput: false,
    group: 'Data',
  },
];

/** Returns the catalog entry of a node type. */
export function nodeTypeInfo(type: NodeType): NodeTypeInfo {
  const info = NODE_CATALOG.find((entry) => entry.type === type);
  if (info === undefined) throw new Error(`Unknown node type: ${type}`);
  return info;
}

/** Returns true for a string that names a node type; used to check drag-and-drop data. */
export function isNodeType(value: string): value is NodeType {
  return NODE_CATALOG.some((entry) => entry.type === value);
}
