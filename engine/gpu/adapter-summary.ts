/// <reference types="@webgpu/types" />
/** Facts about a WebGPU adapter that the backend selection uses. */
export interface GpuAdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /**
   * True for a software or fallback adapter such as Mesa's llvmpipe, which runs shaders on
   * the CPU and is slower than the engine's own CPU kernels.
   */
  isFallbackAdapter: boolean;
}

/** Copies the fields of a `GPUAdapterInfo` into a plain object that can be logged or sent. */
export function summarizeAdapter(info: GPUAdapterInfo): GpuAdapterSummary {
  const software =
    info.architecture === 'software' || /llvmpipe|swiftshader|lavapipe/i.test(info.description);
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: info.isFallbackAdapter === true || software,
  };
}
