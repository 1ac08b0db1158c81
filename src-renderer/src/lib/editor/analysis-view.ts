/**
 * Lookups over the engine's graph analysis for the canvas: each node's output shape,
 * parameter count and problems, and each edge's shape label.
 */

import { analyzeGraph, formatShape, type GraphAnalysis } from '../../../../engine/graph';
import type { Graph, LossName } from '../../../../engine/graph/types';
import type { Task } from '../../../../engine/project/types';

export interface NodeView {
  /** Output shape as the canvas shows it, such as '[N, 16]', or null when unknown. */
  shape: string | null;
  parameters: number | null;
  errors: string[];
}

export interface AnalysisView {
  analysis: GraphAnalysis;
  /** True when the graph compiles with the current data and loss. */
  valid: boolean;
  /** Problems not tied to one node, such as a loss that does not fit the task. */
  graphErrors: string[];
  node(id: string): NodeView;
  /** Shape label of the edge with this id, or null when unknown. */
  edgeShape(id: string): string | null;
  /** True for an edge that an error tells the learner to delete: a cycle, a branch or a wrong direction. */
  edgeHasProblem(id: string): boolean;
}

export interface AnalysisInputs {
  inputFeatures: number | undefined;
  loss: LossName;
  task: Task;
  classes: readonly string[] | undefined;
}

const UNKNOWN_NODE: NodeView = { shape: null, parameters: null, errors: [] };

/**
 * Runs `analyzeGraph` and indexes its results by node and edge id. In the app the Input
 * node takes its feature count from the chosen data. So once there is data, a count stored
 * in the node by an opened file is ignored, as saving the project replaces it too.
 */
export function analyze(graph: Graph, inputs: AnalysisInputs): AnalysisView {
  const followsData = inputs.inputFeatures !== undefined;
  const analyzed = graph.nodes.map((node) => {
    if (!followsData || node.type !== 'Input' || node.params?.features === undefined) return node;
    const params = { ...node.params };
    delete params.features;
    return { ...node, params };
  });
  const analysis = analyzeGraph({ ...graph, nodes: analyzed }, {
    inputFeatures: inputs.inputFeatures,
    loss: inputs.loss,
    task: inputs.task,
    classes: inputs.classes,
  });

  const errorsByNode = new Map<string, string[]>();
  const graphErrors: string[] = [];
  for (const error of analysis.errors) {
    if (error.nodeId === null) {
      graphErrors.push(error.message);
      continue;
    }
    const list = errorsByNode.get(error.nodeId) ?? [];
    list.push(error.message);
    errorsByNode.set(error.nodeId, list);
  }

  const nodes = new Map<string, NodeView>();
  for (const node of analysis.nodes) {
    nodes.set(node.nodeId, {
      shape: node.outputShape === null ? null : formatShape(node.outputShape),
      parameters: node.parameters,
      errors: errorsByNode.get(node.nodeId) ?? [],
    });
  }

  const edges = new Map<string, string | null>();
  for (const edge of analysis.edges) {
    if (edge.edgeId !== undefined) edges.set(edge.edgeId, edge.shape === null ? null : formatShape(edge.shape));
  }

  const problemEdges = findProblemEdges(graph, analysis);
  return {
    analysis,
    valid: analysis.errors.length === 0 && analysis.layers !== null,
    graphErrors,
    node: (id) => nodes.get(id) ?? UNKNOWN_NODE,
    edgeShape: (id) => edges.get(id) ?? null,
    edgeHasProblem: (id) => problemEdges.has(id),
  };
}

/**
 * Returns the ids of the edges an error is about: those an error names, and every edge of
 * a branch, since the learner has to choose which of them to delete.
 */
function findProblemEdges(graph: Graph, analysis: GraphAnalysis): Set<string> {
  const problems = new Set<string>();
  for (const error of analysis.errors) {
    if (error.edgeId !== undefined) problems.add(error.edgeId);
  }

  const outgoing = new Map<string, number>();
  const incoming = new Map<string, number>();
  for (const edge of graph.edges) {
    outgoing.set(edge.source, (outgoing.get(edge.source) ?? 0) + 1);
    incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
  }
  for (const edge of graph.edges) {
    const branch = (outgoing.get(edge.source) ?? 0) > 1 || (incoming.get(edge.target) ?? 0) > 1;
    if (branch && edge.id !== undefined) problems.add(edge.id);
  }
  return problems;
}
