/**
 * The matrix-multiply kernels every op calls. They start as the plain TypeScript ones; a
 * faster backend (WebAssembly SIMD, worker threads) replaces them with equivalents.
 */
import { matmulNN, matmulNT, matmulTN } from './matmul';

/** out[n, m] from a and b; see kernels/matmul.ts for the layout of each form. */
export type MatmulKernel = (a: Float32Array, b: Float32Array, out: Float32Array, n: number, k: number, m: number) => void;

export interface KernelSet {
  matmulNN: MatmulKernel;
  matmulNT: MatmulKernel;
  matmulTN: MatmulKernel;
}

export const jsKernels: Readonly<KernelSet> = Object.freeze({ matmulNN, matmulNT, matmulTN });

/** The kernels in use. Mutated in place by `useKernels`, so importers always see the current set. */
export const kernels: KernelSet = { ...jsKernels };

export function useKernels(set: KernelSet): void {
  Object.assign(kernels, set);
}
