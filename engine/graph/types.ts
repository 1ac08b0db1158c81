/**
 * The editor's graph as the compiler, the project file and the renderer share it.
 * Node ids are opaque strings chosen by the editor.
 */

export type NodeType =
  | 'Input'
  | 'Linear'
  | 'ReLU'
  | 'LeakyReLU'
  | 'Sigmoid'
  | 'Tanh'
  | 'Softmax'
  | 'Dropout'
  | 'Output';

export type WeightInit = 'default' | 'xavierUniform' | 'kaimingUniform' | 'zeros';

/** Settings of one node; each node type reads only its own fields. */
export interface NodeParams {
  /** Input: number of features per sample, normally set from the data set. */
  features?: number;
  /**
   * Linear: size of each input sample. When absent, the compiler takes it from the
   * layer before; when set, the compiler reports a mismatch with that layer.
   */
  inFeatures?: number;
  /** Linear: size of each output sample. */
  outFeatures?: number;
  /** Linear: whether the layer adds a learnable bias (default true). */
  bias?: boolean;
  /** Linear: weight initialisation (default: PyTorch's own). */
  init?: WeightInit;
  /** Linear: true keeps the layer's parameters fixed during training. */
  frozen?: boolean;
  /** LeakyReLU: slope for negative inputs (default 0.01). */
  negativeSlope?: number;
  /** Dropout: probability of zeroing an element in training (default 0.5). */
  p?: number;
  /** Softmax: dimension to normalise over (default -1). */
  dim?: number;
}

export interface GraphNode {
  id: string;
  type: NodeType;
  /** Name the editor shows, such as "Linear 2"; messages use it to tell nodes apart. */
  label?: string;
  params?: NodeParams;
  /** Canvas position; the compiler ignores it. */
  position?: { x: number; y: number };
}

export interface GraphEdge {
  id?: string;
  source: string;
  target: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export type LossName = 'CrossEntropyLoss' | 'MSELoss' | 'BCELoss' | 'BCEWithLogitsLoss';
