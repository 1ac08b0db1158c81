export * from './types';
export * from './layer-spec';
export { findChain, NODE_TYPES, type ChainResult, type GraphError } from './chain';
export { WEIGHT_INITS } from './layer-settings';
export { LOSSES_FOR_TASK } from './loss-checks';
export {
  analyzeGraph,
  type AnalyzeOptions,
  type EdgeAnalysis,
  type GraphAnalysis,
  type NodeAnalysis,
} from './analyze';
export { buildSequential, initializeLinear, type BuildOptions, type LinearSetup } from './build-sequential';
export { compileGraph, type CompiledGraph, type CompileOptions } from './compile';
