/**
 * Validator of the graph as JSON: field names and types of nodes, edges and node
 * params. Whether the graph forms a valid chain, and whether the settings are in
 * range, is the graph analysis' job, so a project with a half-built graph still loads.
 */

import { NODE_TYPES } from '../graph/chain';
import type { Graph, GraphEdge, GraphNode, NodeParams } from '../graph/types';
import { WEIGHT_INITS } from '../graph/layer-settings';
import { childPath, describeJson, JsonChecker } from './json-checks';

/** Maximum number of nodes, and of edges, in one graph. */
export const MAX_GRAPH_NODES = 1000;

const NUMBER_PARAMS = ['features', 'inFeatures', 'outFeatures', 'negativeSlope', 'p', 'dim'] as const;
const BOOLEAN_PARAMS = ['bias', 'frozen'] as const;
const PARAM_KEYS = [...NUMBER_PARAMS, ...BOOLEAN_PARAMS, 'init'];

function checkParams(check: JsonChecker, value: unknown, path: string): NodeParams | undefined {
  const record = check.object(value, path, [], PARAM_KEYS);
  if (record === undefined) return undefined;
  const params: NodeParams = {};

  for (const key of NUMBER_PARAMS) {
    if (record[key] === undefined) continue;
    const number = check.number(record[key], childPath(path, key), 'a number');
    if (number !== undefined) params[key] = number;
  }
  for (const key of BOOLEAN_PARAMS) {
    if (record[key] === undefined) continue;
    const flag = check.boolean(record[key], childPath(path, key));
    if (flag !== undefined) params[key] = flag;
  }
  if (record.init !== undefined) {
    const init = check.oneOf(record.init, childPath(path, 'init'), WEIGHT_INITS);
    if (init !== undefined) params.init = init;
  }
  return params;
}

function checkNode(check: JsonChecker, value: unknown, path: string): GraphNode | undefined {
  const record = check.object(value, path, ['id', 'type'], ['params', 'position', 'label']);
  if (record === undefined) return undefined;

  const id = check.string(record.id, childPath(path, 'id'), { nonEmpty: true, maxLength: 200 });
  const type = check.oneOf(record.type, childPath(path, 'type'), NODE_TYPES);
  const paramsPath = childPath(path, 'params');
  const params = record.params === undefined ? {} : checkParams(check, record.params, paramsPath);

  let position: GraphNode['position'];
  if (record.position !== undefined) {
    const positionPath = childPath(path, 'position');
    const point = check.object(record.position, positionPath, ['x', 'y']);
    const x = check.number(point?.x, childPath(positionPath, 'x'), 'a number');
    const y = check.number(point?.y, childPath(positionPath, 'y'), 'a number');
    if (x !== undefined && y !== undefined) position = { x, y };
  }

  const label =
    record.label === undefined ? undefined : check.string(record.label, childPath(path, 'label'), { maxLength: 100 });

  if (id === undefined || type === undefined || params === undefined) return undefined;
  return {
    id,
    type,
    ...(label === undefined ? {} : { label }),
    ...(record.params === undefined ? {} : { params }),
    ...(position === undefined ? {} : { position }),
  };
}

function checkEdge(
  check: JsonChecker,
  value: unknown,
  path: string,
  nodeIds: Set<string>,
): GraphEdge | undefined {
  const record = check.object(value, path, ['source', 'target'], ['id']);
  if (record === undefined) return undefined;

  const idPath = childPath(path, 'id');
  const id = record.id === undefined ? undefined : check.string(record.id, idPath, { maxLength: 200 });
  const ends: string[] = [];
  for (const end of ['source', 'target'] as const) {
    const endPath = childPath(path, end);
    const nodeId = check.string(record[end], endPath, { nonEmpty: true, maxLength: 200 });
    if (nodeId === undefined) continue;
    if (!nodeIds.has(nodeId)) {
      check.report(endPath, `refers to the node ${describeJson(nodeId)}, which is not in graph.nodes.`);
      continue;
    }
    ends.push(nodeId);
  }

  if (ends.length !== 2) return undefined;
  return { ...(id === undefined ? {} : { id }), source: ends[0], target: ends[1] };
}

/** Returns the id in the raw JSON of a node, or undefined when it has no string id. */
function idOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || !('id' in value)) return undefined;
  return typeof value.id === 'string' ? value.id : undefined;
}

/** Checks a graph's JSON structure and returns it when every node and edge is valid. */
export function checkGraph(check: JsonChecker, value: unknown, path: string): Graph | undefined {
  const record = check.object(value, path, ['nodes', 'edges']);
  if (record === undefined) return undefined;
  const before = check.issues.length;

  const nodesPath = childPath(path, 'nodes');
  const nodeValues = check.array(record.nodes, nodesPath, { maxItems: MAX_GRAPH_NODES }) ?? [];
  const nodes: GraphNode[] = [];
  const nodeIds = new Set<string>();
  nodeValues.forEach((nodeValue, i) => {
    const node = checkNode(check, nodeValue, childPath(nodesPath, i));
    if (node === undefined) {
      // An edge to a node with an error of its own, such as an unknown type, is not reported again.
      const id = idOf(nodeValue);
      if (id !== undefined) nodeIds.add(id);
      return;
    }
    if (nodeIds.has(node.id)) {
      const idPath = childPath(childPath(nodesPath, i), 'id');
      check.report(idPath, `repeats ${describeJson(node.id)}. Each node needs its own id.`);
    }
    nodeIds.add(node.id);
    nodes.push(node);
  });

  const edgesPath = childPath(path, 'edges');
  const edgeValues = check.array(record.edges, edgesPath, { maxItems: MAX_GRAPH_NODES }) ?? [];
  const edges: GraphEdge[] = [];
  edgeValues.forEach((edgeValue, i) => {
    const edge = checkEdge(check, edgeValue, childPath(edgesPath, i), nodeIds);
    if (edge !== undefined) edges.push(edge);
  });

  return check.issues.length > before ? undefined : { nodes, edges };
}
