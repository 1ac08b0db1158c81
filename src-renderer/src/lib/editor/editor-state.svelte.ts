/**
 * The network on the canvas: Svelte Flow's node and edge arrays as raw state, plus the
 * editing actions (add, change settings, delete, copy, paste, select) and undo/redo.
 */

import type { Connection } from '@xyflow/svelte';
import type { Graph, NodeParams, NodeType } from '../../../../engine/graph/types';
import {
  edgeId,
  fromGraph,
  makeEdge,
  makeNode,
  nextLabel,
  toGraph,
  type LayerNode,
  type ShapeEdge,
} from './flow-types';
import { History } from './history';
import { nodeTypeInfo } from './node-catalog';

interface SnapshotNode {
  id: string;
  kind: NodeType;
  label: string;
  params: NodeParams;
  position: { x: number; y: number };
}

/** State that undo/redo and the clipboard store: the graph with the nodes' display names. */
interface EditorSnapshot {
  nodes: SnapshotNode[];
  edges: { source: string; target: string }[];
}

/** Offset of each pasted copy from the copied nodes, in canvas pixels. */
const PASTE_OFFSET = 40;

export class EditorState {
  nodes = $state.raw<LayerNode[]>([]);
  edges = $state.raw<ShapeEdge[]>([]);
  canUndo = $state(false);
  canRedo = $state(false);

  /** The canvas as the engine's graph; the analysis reruns whenever it changes. */
  readonly graph: Graph = $derived(toGraph(this.nodes, this.edges));
  readonly selectedNodes: LayerNode[] = $derived(this.nodes.filter((node) => node.selected));

  private readonly history: History;
  private clipboard: EditorSnapshot | null = null;
  private pasteCount = 0;

  constructor(graph: Graph = { nodes: [], edges: [] }) {
    this.applyGraph(graph);
    this.history = new History(this.serialize());
  }

  /** Replaces the whole network, such as when a project is opened, and clears undo. */
  load(graph: Graph): void {
    this.applyGraph(graph);
    this.history.reset(this.serialize());
    this.updateUndoFlags();
  }

  /** Adds a node of `kind` at a canvas position, selects only it and returns its id. */
  addNode(kind: NodeType, position: { x: number; y: number }): string {
    const id = this.newId(kind, new Set(this.nodes.map((node) => node.id)));
    const label = nextLabel(kind, new Set(this.nodes.map((node) => node.data.label)));
    const params = { ...nodeTypeInfo(kind).defaults };

    const node = makeNode(id, kind, label, params, position, true);
    this.nodes = [...this.nodes.map((other) => ({ ...other, selected: false })), node];
    this.edges = this.edges.map((edge) => ({ ...edge, selected: false }));
    this.commit();
    return id;
  }

  /**
   * Merges `patch` into a node's settings. With `record` false the change is shown but
   * becomes an undo step only at the next `commit`, so typing a number is one step.
   */
  updateParams(id: string, patch: Partial<NodeParams>, record = true): void {
    this.nodes = this.nodes.map((node) =>
      node.id === id ? { ...node, data: { ...node.data, params: { ...node.data.params, ...patch } } } : node,
    );
    if (record) this.commit();
  }

  /** Rejects self-loops and a second edge between the same two nodes. */
  isValidConnection(connection: { source: string; target: string }): boolean {
    if (connection.source === connection.target) return false;
    const id = edgeId(connection.source, connection.target);
    return !this.edges.some((edge) => edge.id === id);
  }

  /** Returns the edge Svelte Flow adds for a new connection, with this editor's id and type. */
  edgeFor(connection: Connection): ShapeEdge {
    return makeEdge(connection.source, connection.target);
  }

  /** Deletes the selected nodes, their edges and the selected edges; returns how many went. */
  deleteSelected(): number {
    const removedNodes = new Set(this.selectedNodes.map((node) => node.id));
    const keptEdges = this.edges.filter(
      (edge) => !edge.selected && !removedNodes.has(edge.source) && !removedNodes.has(edge.target),
    );
    const removedCount = removedNodes.size + this.edges.length - keptEdges.length;

    this.nodes = this.nodes.filter((node) => !removedNodes.has(node.id));
    this.edges = keptEdges;
    this.commit();
    return removedCount;
  }

  /** Selects every node and edge. */
  selectAll(): void {
    this.nodes = this.nodes.map((node) => ({ ...node, selected: true }));
    this.edges = this.edges.map((edge) => ({ ...edge, selected: true }));
  }

  /** Selects one node and nothing else. */
  selectOnly(id: string): void {
    this.nodes = this.nodes.map((node) => ({ ...node, selected: node.id === id }));
    this.edges = this.edges.map((edge) => ({ ...edge, selected: false }));
  }

  /** Copies the selected nodes and the edges between them; returns the number of nodes. */
  copySelection(): number {
    const selected = new Set(this.selectedNodes.map((node) => node.id));
    if (selected.size === 0) return 0;

    const snapshot = this.snapshot();
    this.clipboard = {
      nodes: snapshot.nodes.filter((node) => selected.has(node.id)),
      edges: snapshot.edges.filter((edge) => selected.has(edge.source) && selected.has(edge.target)),
    };
    this.pasteCount = 0;
    return selected.size;
  }

  /** Pastes the copied nodes with new ids, shifted, and selects them; returns their number. */
  paste(): number {
    if (this.clipboard === null) return 0;
    this.pasteCount += 1;

    const offset = PASTE_OFFSET * this.pasteCount;
    const labels = new Set(this.nodes.map((node) => node.data.label));
    const ids = new Set(this.nodes.map((node) => node.id));
    const newIds = new Map<string, string>();
    const pasted: LayerNode[] = [];
    for (const node of this.clipboard.nodes) {
      const id = this.newId(node.kind, ids);
      ids.add(id);
      const label = nextLabel(node.kind, labels);
      labels.add(label);
      newIds.set(node.id, id);
      const position = { x: node.position.x + offset, y: node.position.y + offset };
      pasted.push(makeNode(id, node.kind, label, { ...node.params }, position, true));
    }

    const pastedEdges = this.clipboard.edges.map((edge) =>
      makeEdge(newIds.get(edge.source) ?? edge.source, newIds.get(edge.target) ?? edge.target, true),
    );
    this.nodes = [...this.nodes.map((node) => ({ ...node, selected: false })), ...pasted];
    this.edges = [...this.edges.map((edge) => ({ ...edge, selected: false })), ...pastedEdges];
    this.commit();
    return pasted.length;
  }

  /** Records the current network as one undo step, if it changed since the last one. */
  commit(): void {
    this.history.record(this.serialize());
    this.updateUndoFlags();
  }

  undo(): void {
    const state = this.history.undo();
    if (state !== null) this.applySnapshot(JSON.parse(state) as EditorSnapshot);
    this.updateUndoFlags();
  }

  redo(): void {
    const state = this.history.redo();
    if (state !== null) this.applySnapshot(JSON.parse(state) as EditorSnapshot);
    this.updateUndoFlags();
  }

  private updateUndoFlags(): void {
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
  }

  private applyGraph(graph: Graph): void {
    const { nodes, edges } = fromGraph(graph);
    this.nodes = nodes;
    this.edges = edges;
  }

  private snapshot(): EditorSnapshot {
    return {
      nodes: this.nodes.map((node) => ({
        id: node.id,
        kind: node.data.kind,
        label: node.data.label,
        params: node.data.params,
        position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      })),
      edges: this.edges.map((edge) => ({ source: edge.source, target: edge.target })),
    };
  }

  private serialize(): string {
    return JSON.stringify(this.snapshot());
  }

  private applySnapshot(snapshot: EditorSnapshot): void {
    this.nodes = snapshot.nodes.map((node) =>
      makeNode(node.id, node.kind, node.label, node.params, node.position),
    );
    this.edges = snapshot.edges.map((edge) => makeEdge(edge.source, edge.target));
  }

  /** Returns an id such as 'linear-3' that is not in `taken`. */
  private newId(kind: NodeType, taken: ReadonlySet<string>): string {
    const prefix = kind.toLowerCase();
    let n = 1;
    while (taken.has(`${prefix}-${n}`)) n++;
    return `${prefix}-${n}`;
  }
}
