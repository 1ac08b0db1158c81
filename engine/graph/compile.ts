/**
 * Compiles the editor's graph into an `nn.Sequential` once the analysis finds no errors.
 */

import type * as nn from '../nn';
import { analyzeGraph, type AnalyzeOptions, type GraphAnalysis } from './analyze';
import { buildSequential, type LinearSetup } from './build-sequential';
import type { Graph } from './types';

export interface CompileOptions extends AnalyzeOptions {
  /** Seed of the weight initialisation (default 0). */
  seed?: number;
}

export interface CompiledGraph extends GraphAnalysis {
  /** The model, or null when `errors` is not empty. */
  model: nn.Sequential | null;
}

/**
 * Analyses the graph and, when it has no errors, builds the `nn.Sequential` with each
 * Linear node's init and frozen settings applied.
 *
 * @param graph the editor's graph.
 * @param options the analysis options plus the initialisation seed.
 */
export function compileGraph(graph: Graph, options: CompileOptions = {}): CompiledGraph {
  const analysis = analyzeGraph(graph, options);
  if (analysis.layers === null) return { ...analysis, model: null };

  const nodesById = new Map(graph.nodes.map((node) => [node.id, node]));
  const setup: LinearSetup[] = analysis.layerNodeIds.map((nodeId) => {
    const params = nodesById.get(nodeId)?.params ?? {};
    return { init: params.init ?? 'default', frozen: params.frozen ?? false };
  });
  const model = buildSequential(analysis.layers, { setup, seed: options.seed ?? 0 });
  return { ...analysis, model };
}
