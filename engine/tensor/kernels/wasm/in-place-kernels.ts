/**
 * The optimizer updates and row kernels of the WebAssembly module, bound for arrays in
 * kernel memory. Arrays elsewhere, and arrays too small to gain from SIMD, go to the
 * TypeScript kernels instead.
 */
import type { KernelSet } from '../registry';
import type { KernelMemory } from './kernel-memory';

/** The exports these bindings call; pointers are byte offsets into the module's memory. */
export interface InPlaceExports {
  sgdMomentum(p: number, grad: number, buffer: number, length: number, lr: number, momentum: number, keep: number): void;
  adam(p: number, grad: number, expAvg: number, expAvgSq: number, length: number,
    beta1: number, beta2: number, stepSize: number, biasCorrection2Sqrt: number, eps: number): void;
  addRowVector(out: number, row: number, rows: number, cols: number): void;
  columnSums(values: number, out: number, rows: number, cols: number): void;
  relu(input: number, output: number, length: number): void;
  reluBackward(input: number, grad: number, gradInput: number, length: number): void;
}

export const IN_PLACE_EXPORTS: (keyof InPlaceExports)[] = ['sgdMomentum', 'adam', 'addRowVector', 'columnSums', 'relu', 'reluBackward'];

/**
 * Below this many values a TypeScript loop finishes before a call into WebAssembly and
 * the lookups of its arrays would. An estimate from timing the iris-size network.
 */
const MIN_VALUES = 256;

type InPlaceKernels = Pick<KernelSet, 'sgdMomentum' | 'adam' | 'addRowVector' | 'columnSums' | 'relu' | 'reluBackward'>;

/** Binds the exports to arrays in `heap`, with `fallback` for every other call. */
export function bindInPlaceKernels(exports: InPlaceExports, heap: KernelMemory, fallback: KernelSet): InPlaceKernels {
  return {
    sgdMomentum(p, grad, buffer, lr, momentum, keep) {
      const pAt = p.length < MIN_VALUES ? -1 : heap.offsetOf(p);
      const gradAt = pAt < 0 ? -1 : heap.offsetOf(grad);
      const bufferAt = gradAt < 0 ? -1 : heap.offsetOf(buffer);
      if (bufferAt < 0) fallback.sgdMomentum(p, grad, buffer, lr, momentum, keep);
      else exports.sgdMomentum(pAt, gradAt, bufferAt, p.length, lr, momentum, keep);
    },

    adam(p, grad, expAvg, expAvgSq, step) {
      const pAt = p.length < MIN_VALUES ? -1 : heap.offsetOf(p);
      const gradAt = pAt < 0 ? -1 : heap.offsetOf(grad);
      const mAt = gradAt < 0 ? -1 : heap.offsetOf(expAvg);
      const vAt = mAt < 0 ? -1 : heap.offsetOf(expAvgSq);
      if (vAt < 0) {
        fallback.adam(p, grad, expAvg, expAvgSq, step);
        return;
      }
      const { beta1, beta2, stepSize, biasCorrection2Sqrt, eps } = step;
      exports.adam(pAt, gradAt, mAt, vAt, p.length, beta1, beta2, stepSize, biasCorrection2Sqrt, eps);
    },

    addRowVector(out, row, rows, cols) {
      const outAt = rows * cols < MIN_VALUES ? -1 : heap.offsetOf(out);
      const rowAt = outAt < 0 ? -1 : heap.offsetOf(row);
      if (rowAt < 0) fallback.addRowVector(out, row, rows, cols);
      else exports.addRowVector(outAt, rowAt, rows, cols);
    },

    columnSums(values, out, rows, cols) {
      const valuesAt = rows * cols < MIN_VALUES ? -1 : heap.offsetOf(values);
      const outAt = valuesAt < 0 ? -1 : heap.offsetOf(out);
      if (outAt < 0) fallback.columnSums(values, out, rows, cols);
      else exports.columnSums(valuesAt, outAt, rows, cols);
    },

    relu(input, output, length) {
      const inputAt = length < MIN_VALUES ? -1 : heap.offsetOf(input);
      const outputAt = inputAt < 0 ? -1 : heap.offsetOf(output);
      if (outputAt < 0) fallback.relu(input, output, length);
      else exports.relu(inputAt, outputAt, length);
    },

    reluBackward(input, grad, gradInput, length) {
      const inputAt = length < MIN_VALUES ? -1 : heap.offsetOf(input);
      const gradAt = inputAt < 0 ? -1 : heap.offsetOf(grad);
      const gradInputAt = gradAt < 0 ? -1 : heap.offsetOf(gradInput);
      if (gradInputAt < 0) fallback.reluBackward(input, grad, gradInput, length);
      else exports.reluBackward(inputAt, gradAt, gradInputAt, length);
    },
  };
}
