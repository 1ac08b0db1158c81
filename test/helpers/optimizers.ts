import { optim, type Tensor } from '../../engine';
import type { OptimizerSpec } from './fixtures';

/** The engine optimizer a fixture describes, over `params`. */
export function makeOptimizer(spec: OptimizerSpec, params: Tensor[]): optim.SGD | optim.Adam {
  if (spec.optimizer === 'SGD') return new optim.SGD(params, spec.options);
  return new optim.Adam(params, spec.options);
}
