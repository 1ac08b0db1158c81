/**
 * Shape and parameter analysis of the editor's graph, without building any tensors,
 * so the editor can rerun it on every change.
 */

import type { Task } from '../project/types';
import { findChain, type GraphError } from './chain';
import { checkLayer, describeValue, type WidthSource } from './layer-settings';
import {
  countLayerParameters,
  describeLayer,
  MAX_FEATURES,
  MAX_LAYERS,
  MAX_PARAMETERS,
  type LayerSpec,
  type Shape,
} from './layer-spec';
import { checkLossAndTask } from './loss-checks';
import type { Graph, GraphNode, LossName, NodeType } from './types';

export type { GraphError } from './chain';

export interface AnalyzeOptions {
  /** Number of feature columns in the data set; the Input node must match it. */
  inputFeatures?: number;
  /** Loss the model trains with; enables the checks of the last layer against it. */
  loss?: LossName;
  /** Task of the data set; enables the check of the output width. */
  task?: Task;
  /** Class labels of a classification data set, in class-index order. */
  classes?: readonly string[];
}

/** Analysis result for one node of the graph. */
export interface NodeAnalysis {
  nodeId: string;
  type: NodeType;
  /** Index of the layer in the `nn.Sequential`, or null for Input, Output and nodes off the chain. */
  layerIndex: number | null;
  /** Shape the node outputs, such as ['N', 16], or null when unknown. The Output node repeats its input. */
  outputShape: Shape | null;
  /** Number of parameters, or null when the layer's shapes are unknown. */
  parameters: number | null;
}

/** One edge of the graph with the shape of the tensor it carries, or null when unknown. */
export interface EdgeAnalysis {
  edgeId?: string;
  source: string;
  target: string;
  shape: Shape | null;
}

export interface GraphAnalysis {
  /** One entry per graph node, in the order of `graph.nodes`. */
  nodes: NodeAnalysis[];
  /** One entry per graph edge, in the order of `graph.edges`. */
  edges: EdgeAnalysis[];
  /** Sum of the known parameter counts of the layers on the chain. */
  totalParameters: number;
  /** `totalParameters` without the frozen Linear layers. */
  trainableParameters: number;
  /** The layers of the `nn.Sequential`, or null when there are errors. */
  layers: LayerSpec[] | null;
  /** Node id of each entry of `layers`, in the same order. */
  layerNodeIds: string[];
  errors: GraphError[];
}

/**
 * Analyses the graph: finds the chain Input → … → Output, infers each node's output
 * shape and parameter count, and lists every problem in a learner's words.
 *
 * @param graph the editor's graph; canvas positions are ignored.
 * @param options data-set facts and the loss; each check runs only when its facts are given.
 */
export function analyzeGraph(graph: Graph, options: AnalyzeOptions = {}): GraphAnalysis {
  const { chain, complete, errors } = findChain(graph);
  const shapes = new Map<string, Shape>();
  const parameterCounts = new Map<string, number>();
  const layerIndexes = new Map<string, number>();
  const layers: LayerSpec[] = [];
  const layerNodeIds: string[] = [];
  let trainableParameters = 0;
  let allLayersKnown = true;
  let source: WidthSource | null = null;

  for (const node of chain) {
    if (node.type === 'Input') {
      source = checkInput(node, options, errors);
      if (source !== null) shapes.set(node.id, ['N', source.width]);
      continue;
    }
    if (node.type === 'Output') {
      if (source !== null) shapes.set(node.id, ['N', source.width]);
      continue;
    }

    const check = checkLayer(node, source);
    errors.push(...check.errors);
    layerIndexes.set(node.id, layerIndexes.size);

    if (check.spec === null) {
      allLayersKnown = false;
    } else {
      const count = countLayerParameters(check.spec);
      parameterCounts.set(node.id, count);
      if (node.params?.frozen !== true) trainableParameters += count;
      layers.push(check.spec);
      layerNodeIds.push(node.id);
    }

    if (check.outWidth === null) {
      source = null;
    } else {
      shapes.set(node.id, ['N', check.outWidth]);
      const changesWidth = node.type === 'Linear' || source === null;
      const name = check.spec === null ? `${node.type} node` : describeLayer(check.spec);
      source = changesWidth
        ? { width: check.outWidth, name, nodeId: node.id, fromInput: false }
        : source;
    }
  }

  const totalParameters = [...parameterCounts.values()].reduce((sum, count) => sum + count, 0);
  if (complete && allLayersKnown) {
    errors.push(...checkModelSize(chain, layers, totalParameters, trainableParameters));
    errors.push(...checkLossAndTask(chain, layers, layerNodeIds, options));
  }

  const nodes = graph.nodes.map((node) => ({
    nodeId: node.id,
    type: node.type,
    layerIndex: layerIndexes.get(node.id) ?? null,
    outputShape: shapes.get(node.id) ?? null,
    parameters: node.type === 'Input' || node.type === 'Output' ? 0 : (parameterCounts.get(node.id) ?? null),
  }));
  const edges = graph.edges.map((edge) => ({
    ...(edge.id === undefined ? {} : { edgeId: edge.id }),
    source: edge.source,
    target: edge.target,
    shape: shapes.get(edge.source) ?? null,
  }));

  return {
    nodes,
    edges,
    totalParameters,
    trainableParameters,
    layers: errors.length === 0 ? layers : null,
    layerNodeIds: errors.length === 0 ? layerNodeIds : [],
    errors,
  };
}

/** Checks the Input node's feature count against the data set and returns the width it provides. */
function checkInput(node: GraphNode, options: AnalyzeOptions, errors: GraphError[]): WidthSource | null {
  const declared = node.params?.features;
  const dataWidth = options.inputFeatures;
  const report = (message: string) => errors.push({ nodeId: node.id, message });

  if (declared !== undefined && (!Number.isInteger(declared) || declared < 1 || declared > MAX_FEATURES)) {
    report(
      `Input features must be a positive whole number up to ${MAX_FEATURES}, ` +
        `got ${describeValue(declared)}.`,
    );
    return null;
  }
  if (declared !== undefined && dataWidth !== undefined && declared !== dataWidth) {
    report(
      `The Input node is set to ${declared} features, ` +
        `but the data set provides ${dataWidth} feature columns. ` +
        `Set the Input's features to ${dataWidth}, or choose ${declared} feature columns.`,
    );
  }

  const width = dataWidth ?? declared;
  if (width === undefined) {
    report(
      'The Input node does not know how many features each sample has. ' +
        'Choose a data set, or set its features.',
    );
    return null;
  }
  return { width, name: 'Input node', nodeId: node.id, fromInput: true };
}

/** Reports a model without trainable layers and models too large to build. */
function checkModelSize(
  chain: GraphNode[],
  layers: LayerSpec[],
  totalParameters: number,
  trainableParameters: number,
): GraphError[] {
  const errors: GraphError[] = [];
  const outputNode = chain[chain.length - 1];

  if (!layers.some((layer) => layer.type === 'Linear')) {
    errors.push({
      nodeId: outputNode.id,
      message: 'The model has no Linear layer, so it has no parameters to learn. ' +
        'Add a Linear layer between the Input and the Output.',
    });
  } else if (trainableParameters === 0) {
    errors.push({
      nodeId: outputNode.id,
      message:
        'Every Linear layer is frozen, so training cannot change the model. ' +
        'Unfreeze at least one layer.',
    });
  }

  if (layers.length > MAX_LAYERS) {
    errors.push({
      nodeId: outputNode.id,
      message:
        `The model has ${layers.length} layers, ` +
        `but Wiregrad supports at most ${MAX_LAYERS}. Remove some.`,
    });
  }
  if (totalParameters > MAX_PARAMETERS) {
    errors.push({
      nodeId: outputNode.id,
      message:
        `The model has ${totalParameters} parameters, ` +
        `but Wiregrad supports at most ${MAX_PARAMETERS}. ` +
        'Make the Linear layers smaller.',
    });
  }
  return errors;
}
