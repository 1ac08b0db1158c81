/**
 * Finds the single chain Input → … → Output in the editor's graph and reports every
 * way the graph fails to be one: missing or extra Input and Output nodes, branches,
 * cycles, dangling edges and nodes left off the chain.
 */

import type { Graph, GraphEdge, GraphNode, NodeType } from './types';

/** A problem a learner can fix, attached to the node (or edge) to highlight. */
export interface GraphError {
  /** Node to highlight, or null for a problem of the whole graph or of the settings. */
  nodeId: string | null;
  /** Edge to highlight, when the problem is one connection. */
  edgeId?: string;
  message: string;
}

export interface ChainResult {
  /** Nodes from the Input node onwards, as far as the graph is a chain. */
  chain: GraphNode[];
  /** True when the chain starts at the Input node and ends at the Output node. */
  complete: boolean;
  errors: GraphError[];
}

export const NODE_TYPES: readonly NodeType[] = [
  'Input',
  'Linear',
  'ReLU',
  'LeakyReLU',
  'Sigmoid',
  'Tanh',
  'Softmax',
  'Dropout',
  'Output',
];

const SEQUENTIAL_HINT = 'A Sequential model is a single chain from Input to Output';

/** Names a node in a message by its type, since node ids are opaque to the learner. */
function nodeName(node: GraphNode): string {
  return node.label ?? `${node.type} node`;
}

/** Names the node as the subject or object of a sentence: its label, or "the Linear node". */
function theNode(node: GraphNode, capital = false): string {
  if (node.label !== undefined) return node.label;
  return `${capital ? 'The' : 'the'} ${node.type} node`;
}

function edgeErrorFields(edge: GraphEdge): { edgeId?: string } {
  return edge.id === undefined ? {} : { edgeId: edge.id };
}

/**
 * Finds the chain of nodes from the Input node to the Output node.
 *
 * The walk starts at the first Input node and follows each node's single outgoing
 * edge. It stops at the Output node, at a node with no outgoing edge, at a branch and
 * at a cycle. Every problem on the way, and every node the walk does not reach,
 * becomes an error.
 */
export function findChain(graph: Graph): ChainResult {
  const errors: GraphError[] = [];
  const nodesById = new Map<string, GraphNode>();

  for (const node of graph.nodes) {
    if (nodesById.has(node.id)) {
      errors.push({
        nodeId: node.id,
        message: `Two nodes share the id "${node.id}". Each node needs its own id.`,
      });
      continue;
    }
    nodesById.set(node.id, node);
    if (!NODE_TYPES.includes(node.type)) {
      errors.push({
        nodeId: node.id,
        message: `Node "${node.id}" has the unknown type "${String(node.type)}". ` +
          `Use one of ${NODE_TYPES.join(', ')}.`,
      });
    }
  }

  const outgoing = new Map<string, GraphEdge[]>();
  const incoming = new Map<string, GraphEdge[]>();
  for (const node of nodesById.values()) {
    outgoing.set(node.id, []);
    incoming.set(node.id, []);
  }

  for (const edge of graph.edges) {
    const source = nodesById.get(edge.source);
    const target = nodesById.get(edge.target);
    if (source === undefined || target === undefined) {
      const missing = source === undefined ? edge.source : edge.target;
      errors.push({
        nodeId: source?.id ?? target?.id ?? null,
        ...edgeErrorFields(edge),
        message: `A connection refers to the node "${missing}", which is not in the graph. ` +
          'Delete the connection.',
      });
      continue;
    }
    if (source.id === target.id) {
      errors.push({
        nodeId: source.id,
        ...edgeErrorFields(edge),
        message: `${theNode(source, true)} is connected to itself. ${SEQUENTIAL_HINT}, ` +
          'so no layer can feed itself. Delete that connection.',
      });
      continue;
    }
    outgoing.get(source.id)?.push(edge);
    incoming.get(target.id)?.push(edge);
  }

  errors.push(...checkEnds(graph.nodes, incoming, outgoing, nodesById));
  errors.push(...checkBranches(nodesById, incoming, outgoing));
  errors.push(...checkCycles(nodesById, outgoing));

  const inputNode = graph.nodes.find((node) => node.type === 'Input');
  if (inputNode === undefined) return { chain: [], complete: false, errors };

  const { chain, complete, deadEnd } = walkFrom(inputNode, nodesById, outgoing);
  if (deadEnd !== null) {
    errors.push({
      nodeId: deadEnd.id,
      message: `${theNode(deadEnd, true)} is not connected to anything after it. ` +
        'Connect it to the next layer, or to the Output node if it is the last layer.',
    });
  }

  errors.push(...checkUnreached(graph.nodes, chain, incoming, outgoing));
  return { chain, complete, errors };
}

/** Reports a missing Input or Output, extra ones, and edges into Input or out of Output. */
function checkEnds(
  nodes: GraphNode[],
  incoming: Map<string, GraphEdge[]>,
  outgoing: Map<string, GraphEdge[]>,
  nodesById: Map<string, GraphNode>,
): GraphError[] {
  const errors: GraphError[] = [];
  const inputs = nodes.filter((node) => node.type === 'Input' && nodesById.get(node.id) === node);
  const outputs = nodes.filter((node) => node.type === 'Output' && nodesById.get(node.id) === node);

  if (inputs.length === 0) {
    errors.push({
      nodeId: null,
      message: 'The graph has no Input node. Add an Input node and connect it to the first layer.',
    });
  }
  for (const extra of inputs.slice(1)) {
    errors.push({
      nodeId: extra.id,
      message: `The graph has ${inputs.length} Input nodes, but a Sequential model has exactly one. ` +
        'Delete this one.',
    });
  }
  if (outputs.length === 0) {
    errors.push({
      nodeId: null,
      message: 'The graph has no Output node. Add an Output node and connect the last layer to it.',
    });
  }
  for (const extra of outputs.slice(1)) {
    errors.push({
      nodeId: extra.id,
      message: `The graph has ${outputs.length} Output nodes, but a Sequential model has exactly one. ` +
        'Delete this one.',
    });
  }

  for (const input of inputs) {
    for (const edge of incoming.get(input.id) ?? []) {
      errors.push({
        nodeId: input.id,
        ...edgeErrorFields(edge),
        message: 'The Input node has a connection coming into it, but data enters the model there. ' +
          'Delete that connection.',
      });
    }
  }
  for (const output of outputs) {
    for (const edge of outgoing.get(output.id) ?? []) {
      errors.push({
        nodeId: output.id,
        ...edgeErrorFields(edge),
        message: 'The Output node has a connection leaving it, but the model ends there. ' +
          'Delete that connection.',
      });
    }
  }
  return errors;
}

/** Reports every node with more than one incoming or more than one outgoing edge. */
function checkBranches(
  nodesById: Map<string, GraphNode>,
  incoming: Map<string, GraphEdge[]>,
  outgoing: Map<string, GraphEdge[]>,
): GraphError[] {
  const errors: GraphError[] = [];

  for (const node of nodesById.values()) {
    const outs = outgoing.get(node.id) ?? [];
    if (outs.length > 1 && node.type !== 'Output') {
      const targets = outs.map((edge) => nodeName(nodesById.get(edge.target) ?? node));
      errors.push({
        nodeId: node.id,
        message:
          `${theNode(node, true)} has ${outs.length} outgoing connections ` +
          `(to ${targets.join(', ')}). ` +
          `${SEQUENTIAL_HINT}, so each layer passes its output to exactly one next layer. ` +
          'Delete the extra connections.',
      });
    }

    const ins = incoming.get(node.id) ?? [];
    if (ins.length > 1 && node.type !== 'Input') {
      const sources = ins.map((edge) => nodeName(nodesById.get(edge.source) ?? node));
      errors.push({
        nodeId: node.id,
        message:
          `${theNode(node, true)} has ${ins.length} incoming connections ` +
          `(from ${sources.join(', ')}). ` +
          `${SEQUENTIAL_HINT}, so each layer receives exactly one input. ` +
          'Delete the extra connections.',
      });
    }
  }
  return errors;
}

/** Reports each cycle once, on the node where a depth-first search closes it. */
function checkCycles(nodesById: Map<string, GraphNode>, outgoing: Map<string, GraphEdge[]>): GraphError[] {
  const errors: GraphError[] = [];
  const state = new Map<string, 'open' | 'done'>();

  for (const start of nodesById.values()) {
    if (state.has(start.id)) continue;

    // Iterative depth-first search, so that a long chain cannot overflow the call stack.
    const stack: { node: GraphNode; next: number }[] = [{ node: start, next: 0 }];
    const path: GraphNode[] = [start];
    state.set(start.id, 'open');

    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const edges = outgoing.get(frame.node.id) ?? [];
      if (frame.next >= edges.length) {
        state.set(frame.node.id, 'done');
        stack.pop();
        path.pop();
        continue;
      }

      const edge = edges[frame.next];
      frame.next += 1;
      const target = nodesById.get(edge.target);
      if (target === undefined) continue;

      const targetState = state.get(target.id);
      if (targetState === 'open') {
        const loop = path.slice(path.indexOf(target)).map(nodeName);
        errors.push({
          nodeId: frame.node.id,
          ...edgeErrorFields(edge),
          message: `These nodes form a cycle: ${[...loop, nodeName(target)].join(' → ')}. ` +
            `${SEQUENTIAL_HINT}, and data cannot loop back to an earlier layer. ` +
            `Delete the connection from ${theNode(frame.node)} back to ${theNode(target)}.`,
        });
      } else if (targetState === undefined) {
        state.set(target.id, 'open');
        stack.push({ node: target, next: 0 });
        path.push(target);
      }
    }
  }
  return errors;
}

/** Follows single outgoing edges from `start` until the Output, a dead end, a branch or a cycle. */
function walkFrom(
  start: GraphNode,
  nodesById: Map<string, GraphNode>,
  outgoing: Map<string, GraphEdge[]>,
): { chain: GraphNode[]; complete: boolean; deadEnd: GraphNode | null } {
  const chain: GraphNode[] = [start];
  const visited = new Set<string>([start.id]);
  let current = start;

  for (;;) {
    if (current.type === 'Output') return { chain, complete: true, deadEnd: null };

    const edges = outgoing.get(current.id) ?? [];
    if (edges.length === 0) return { chain, complete: false, deadEnd: current };
    if (edges.length > 1) return { chain, complete: false, deadEnd: null };

    const next = nodesById.get(edges[0].target);
    if (next === undefined || visited.has(next.id)) return { chain, complete: false, deadEnd: null };

    chain.push(next);
    visited.add(next.id);
    current = next;
  }
}

/**
 * Reports nodes that no path from the Input node reaches, except extra Input nodes.
 * Nodes reachable through a branch or a cycle are left out, because the branch or
 * cycle error already explains why the chain stops before them.
 */
function checkUnreached(
  nodes: GraphNode[],
  chain: GraphNode[],
  incoming: Map<string, GraphEdge[]>,
  outgoing: Map<string, GraphEdge[]>,
): GraphError[] {
  const errors: GraphError[] = [];
  const firstInput = chain[0];
  const reachable = new Set<string>([firstInput.id]);
  const queue = [firstInput.id];
  while (queue.length > 0) {
    const id = queue.pop() ?? '';
    for (const edge of outgoing.get(id) ?? []) {
      if (!reachable.has(edge.target)) {
        reachable.add(edge.target);
        queue.push(edge.target);
      }
    }
  }

  for (const node of nodes) {
    if (reachable.has(node.id)) continue;
    if (node.type === 'Input' && node !== firstInput) continue;

    const isolated = (incoming.get(node.id)?.length ?? 0) === 0 && (outgoing.get(node.id)?.length ?? 0) === 0;
    const problem = isolated ? 'has no connections' : 'is not on the chain that starts at the Input node';
    errors.push({
      nodeId: node.id,
      message:
        `${theNode(node, true)} ${problem}. ` +
        `${SEQUENTIAL_HINT}: connect it into that chain, or delete it.`,
    });
  }
  return errors;
}
