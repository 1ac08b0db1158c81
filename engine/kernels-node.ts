/**
 * Switches the engine to its fastest CPU kernels in Node: WebAssembly SIMD matrix products,
 * split over worker threads for large products. Node-only; the renderer keeps the plain
 * TypeScript kernels.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { jsKernels, useKernels } from './tensor/kernels/registry';
import { WasmGemm } from './tensor/kernels/wasm/wasm-gemm';
import { GemmThreadPool } from './tensor/kernels/wasm/thread-pool';
import { getBackendInfo, setBackendInfo, type BackendInfo } from './backend';

export interface FastKernelOptions {
  /** Threads that compute, the calling one included (default: the machine's cores). */
  threads?: number;
  /** Products below this many multiply-adds use the TypeScript kernels (default 4096). */
  minMacs?: number;
  /** Products with fewer multiply-adds per thread stay on the calling thread (default 2^18). */
  minMacsPerThread?: number;
}

let pool: GemmThreadPool | null = null;

/**
 * Installs the WebAssembly kernels and the thread pool and returns the backend now in use.
 * Falls back to the TypeScript kernels, with one warning, when WebAssembly SIMD or shared
 * memory is unavailable.
 */
export function useFastKernels(options: FastKernelOptions = {}): BackendInfo {
  const { threads = availableParallelism(), minMacs = 4096, minMacsPerThread } = options;
  // Node 20's V8 ships relaxed SIMD behind this flag; engines that enable it by default
  // (Electron's) ignore it. Without the feature the plain SIMD build is loaded.
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  let gemm: WasmGemm;
  try {
    gemm = new WasmGemm();
  } catch (error) {
    console.warn(`wiregrad: WebAssembly SIMD kernels are unavailable (${String(error)}); using TypeScript kernels`);
    return getBackendInfo();
  }

  pool?.close();
  pool = new GemmThreadPool(gemm, threads, minMacsPerThread);
  const activePool = pool;
  gemm.setRunner((job) => activePool.run(gemm, job));
  useKernels(gemm.kernelSet(jsKernels, minMacs));
  setBackendInfo({ backend: 'wasm-simd', threads: activePool.threads, fusedMultiplyAdd: gemm.relaxed });
  return getBackendInfo();
}

/** Restores the TypeScript kernels and stops the thread pool. */
export function usePlainKernels(): void {
  pool?.close();
  pool = null;
  useKernels(jsKernels);
  setBackendInfo({ backend: 'js', threads: 1 });
}
