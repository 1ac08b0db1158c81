/**
 * WebGPU training backend. Node callers get a device from './node-device', which is left out
 * of this index so that the renderer bundle never imports the native 'webgpu' package.
 */
export { GpuTrainingStep } from './gpu-step';
export { gpuMatmul } from './gpu-matmul';
export { GpuContext } from './context';
export { summarizeAdapter, type GpuAdapterSummary } from './adapter-summary';
export {
  chooseTrainingBackend,
  shouldUseGpu,
  multiplyAddsPerStep,
  GPU_MIN_MULTIPLY_ADDS,
  type BackendChoice,
  type BackendPreference,
} from './select';
