/**
 * The editor's Svelte Flow nodes and edges, and their conversion to and from the
 * engine's `Graph`, which is what projects store and the analysis reads.
 */

import type { Edge, Node } from '@xyflow/svelte';
import type { Graph, GraphNode, NodeParams, NodeType } from '../../../../engine/graph/types';

/** Data of a canvas node: its engine type, settings and display name. */
export interface LayerData extends Record<string, unknown> {
  kind: NodeType;
  /** Display name, such as 'Linear 2'; also the node's accessible name. */
  label: string;
  params: NodeParams;
}

export type LayerNode = Node<LayerData, 'layer'>;
export type ShapeEdge = Edge<Record<string, never>, 'shape'>;

/** Returns the id an edge between two nodes gets; one edge per pair of nodes. */
export function edgeId(source: string, target: string): string {
  return `${source}->${target}`;
}

/** Creates a canvas node. */
export function makeNode(id: string, kind: NodeType, label: string, params: NodeParams,
  position: { x: number; y: number }, selected = false): LayerNode {
  return {
    id,
    type: 'layer',
    position,
    selected,
    ariaLabel: label,
    data: { kind, label, params },
  };
}

/** Creates a canvas edge. */
export function makeEdge(source: string, target: string, selected = false): ShapeEdge {
  return { id: edgeId(source, target), type: 'shape', source, target, selected };
}

/** Converts the canvas to the engine's graph, with whole-pixel positions. */
export function toGraph(nodes: readonly LayerNode[], edges: readonly ShapeEdge[]): Graph {
  return {
    nodes: nodes.map((node): GraphNode => ({
      id: node.id,
      type: node.data.kind,
      label: node.data.label,
      params: { ...node.data.params },
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
    })),
    edges: edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target })),
  };
}

/**
 * Converts a graph to canvas nodes and edges. Nodes keep their saved labels; others are
 * numbered per type in node order ('Linear 1', 'Linear 2'). Nodes without a position are
 * laid out in a row.
 */
export function fromGraph(graph: Graph): { nodes: LayerNode[]; edges: ShapeEdge[] } {
  const used = new Set<string>();
  const nodes = graph.nodes.map((node, index) => {
    const label = node.label !== undefined && !used.has(node.label) ? node.label : nextLabel(node.type, used);
    used.add(label);
    const position = node.position ?? { x: index * 220, y: 100 };
    return makeNode(node.id, node.type, label, { ...node.params }, { ...position });
  });

  const edges = graph.edges.map((edge) => makeEdge(edge.source, edge.target));
  return { nodes, edges };
}

/**
 * Returns the first free display name for a node type: 'Input' and 'Output' alone
 * for the first of their kind, numbered names ('ReLU 1') for layers.
 */
export function nextLabel(kind: NodeType, usedLabels: ReadonlySet<string>): string {
  const numbered = kind !== 'Input' && kind !== 'Output';
  if (!numbered && !usedLabels.has(kind)) return kind;

  for (let n = numbered ? 1 : 2; ; n++) {
    const label = `${kind} ${n}`;
    if (!usedLabels.has(label)) return label;
  }
}
