/**
 * Wiregrad's engine: tensors with autograd, layers, losses, optimizers, data loading and
 * metrics, with PyTorch's semantics under camelCase names.
 */
export {
  Tensor,
  tensor,
  zeros,
  ones,
  full,
  zerosLike,
  rand,
  randn,
  arange,
  manualSeed,
  noGrad,
  isGradEnabled,
  Generator,
  type DType,
  type NestedArray,
  type TensorOptions,
  type Shape,
} from './tensor';
export * as nn from './nn';
export * as F from './nn/functional';
export * as optim from './optim';
export * as data from './data';
export * as metrics from './metrics';
export { getBackendInfo, type BackendInfo } from './backend';
