/**
 * The kernels every op and optimizer calls. They start as the plain TypeScript ones; a
 * faster backend (WebAssembly SIMD, worker threads) replaces them with equivalents.
 */
import { matmulNN, matmulNT, matmulTN } from './matmul';
import { sgdMomentum } from './updates';

/** out[n, m] from a and b; see kernels/matmul.ts for the layout of each form. */
export type MatmulKernel = (a: Float32Array, b: Float32Array, out: Float32Array, n: number, k: number, m: number) => void;

/** SGD with momentum after its first step; see kernels/updates.ts. */
export type SgdMomentumKernel = (
  p: Float32Array,
  grad: Float32Array,
  buffer: Float32Array,
  lr: number,
  momentum: number,
  keep: number,
) => void;

export interface KernelSet {
  matmulNN: MatmulKernel;
  matmulNT: MatmulKernel;
  matmulTN: MatmulKernel;
  sgdMomentum: SgdMomentumKernel;
  /**
   * Returns `length` zero floats. Backends with memory of their own return an array there,
   * which their kernels use without copying; the TypeScript kernels return a plain array.
   */
  allocate: (length: number) => Float32Array;
}

export const jsKernels: Readonly<KernelSet> = Object.freeze({
  matmulNN,
  matmulNT,
  matmulTN,
  sgdMomentum,
  allocate: (length: number) => new Float32Array(length),
});

/** The kernels in use. Mutated in place by `useKernels`, so importers always see the current set. */
export const kernels: KernelSet = { ...jsKernels };

export function useKernels(set: KernelSet): void {
  Object.assign(kernels, set);
}
