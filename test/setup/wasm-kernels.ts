// Runs a test file on the WebAssembly SIMD kernels with two threads, sending every matrix
// product, however small, through WebAssembly and splitting it whenever it has two rows.
import { useFastKernels } from '../../engine/kernels-node';

useFastKernels({ threads: 2, minMacs: 0, minMacsPerThread: 0 });
