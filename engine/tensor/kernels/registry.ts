/**
 * The kernels every op and optimizer calls. They start as the plain TypeScript ones; a
 * faster backend (WebAssembly SIMD, worker threads) replaces them with equivalents.
 */
import { matmulNN, matmulNT, matmulTN } from './matmul';
import { addRowVector, columnSums, relu, reluBackward } from './elementwise';
import { adam, sgdMomentum, type AdamStep } from './updates';

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

/** Adam without weight decay or AMSGrad; see kernels/updates.ts. */
export type AdamKernel = (
  p: Float32Array,
  grad: Float32Array,
  expAvg: Float32Array,
  expAvgSq: Float32Array,
  step: AdamStep,
) => void;

/** A kernel of kernels/elementwise.ts: its arrays, then its sizes. */
export type ArrayKernel<Arrays extends Float32Array[], Sizes extends number[]> = (...args: [...Arrays, ...Sizes]) => void;

export interface KernelSet {
  matmulNN: MatmulKernel;
  matmulNT: MatmulKernel;
  matmulTN: MatmulKernel;
  sgdMomentum: SgdMomentumKernel;
  adam: AdamKernel;
  addRowVector: ArrayKernel<[Float32Array, Float32Array], [number, number]>;
  columnSums: ArrayKernel<[Float32Array, Float32Array], [number, number]>;
  relu: ArrayKernel<[Float32Array, Float32Array], [number]>;
  reluBackward: ArrayKernel<[Float32Array, Float32Array, Float32Array], [number]>;
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
  adam,
  addRowVector,
  columnSums,
  relu,
  reluBackward,
  allocate: (length: number) => new Float32Array(length),
});

/** The kernels in use. Mutated in place by `useKernels`, so importers always see the current set. */
export const kernels: KernelSet = { ...jsKernels };

export function useKernels(set: KernelSet): void {
  Object.assign(kernels, set);
}
