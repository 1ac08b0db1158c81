/** Small builders for editor graphs in tests. */

import type { Graph, GraphNode, NodeParams, NodeType } from '../../engine/graph/types';

export type NodeSketch = [type: NodeType, params?: NodeParams];

/** Builds a chain of nodes with ids n0, n1, … and edges e0, e1, … between neighbours. */
export function chainGraph(sketches: NodeSketch[]): Graph {
  const nodes: GraphNode[] = sketches.map(([type, params], i) => ({
    id: `n${i}`,
    type,
    ...(params === undefined ? {} : { params }),
  }));
  const edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: nodes[i].id, target: node.id }));
  return { nodes, edges };
}

/** Builds the iris network: Input(4) → Linear(16) → ReLU → Linear(3) → Output. */
export function irisGraph(): Graph {
  return chainGraph([
    ['Input', { features: 4 }],
    ['Linear', { outFeatures: 16 }],
    ['ReLU'],
    ['Linear', { outFeatures: 3 }],
    ['Output'],
  ]);
}
