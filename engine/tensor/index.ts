export { Tensor, type DType, type NestedArray, type TensorData, type GradFn } from './tensor';
export { tensor, zeros, ones, full, zerosLike, rand, randn, arange, type TensorOptions } from './create';
export { Generator, manualSeed, defaultGenerator } from './random';
export { noGrad, isGradEnabled } from './grad-mode';
export { formatShape, type Shape } from './shape';
export { linear } from './ops/matmul';
