/** Compute backend that the engine's kernels run on, for benchmarks and the app's status line. */
export interface BackendInfo {
  /** 'js' for the plain TypeScript kernels. */
  backend: string;
  /** Threads that run kernels, the calling thread included. */
  threads: number;
  /** WebAssembly kernels only: true when they use relaxed SIMD's fused multiply-add. */
  fusedMultiplyAdd?: boolean;
}

let current: BackendInfo = { backend: 'js', threads: 1 };

export function getBackendInfo(): BackendInfo {
  return { ...current };
}

/** Records the backend in use; called by the code that switches kernels. */
export function setBackendInfo(info: BackendInfo): void {
  current = { ...info };
}
