/**
 * The WebAssembly SIMD kernels on one shared linear memory: the matrix products, and the
 * optimizer updates and row kernels of the fused training step. Operands that live in that
 * memory (see kernel-memory.ts) are used in place. Products copy other operands in and their
 * results out, and the updates and row kernels hand such arrays to TypeScript instead. Row ranges of one product can run on several threads that instantiate the
 * same module over the same memory (see thread-pool.ts).
 */
import { gemmRelaxedWasmBase64, gemmWasmBase64 } from './gemm-binary.generated';
import { KernelMemory } from './kernel-memory';
import type { KernelSet } from '../registry';
import { bindInPlaceKernels, IN_PLACE_EXPORTS, type InPlaceExports } from './in-place-kernels';

interface GemmExports extends InPlaceExports {
  gemm(a: number, rowStride: number, depthStride: number, b: number, out: number,
    rowStart: number, rowEnd: number, depth: number, cols: number, panel: number, colStart: number, colEnd: number): void;
  gemmBT(a: number, b: number, out: number, rowStart: number, rowEnd: number, depth: number, cols: number,
    panel: number, colStart: number, colEnd: number): void;
}

/** One multiply as the threads see it: byte offsets and sizes; rows are split between threads. */
export interface GemmJob {
  /** 0: out = A(r, q) · b with A strided; 1: out = a · bᵀ (rowStride and depthStride unused). */
  form: 0 | 1;
  a: number;
  rowStride: number;
  depthStride: number;
  b: number;
  out: number;
  rows: number;
  depth: number;
  cols: number;
}

/** Runs a job's rows on the calling thread and any helper threads; returns when all are done. */
export type GemmRunner = (job: GemmJob) => void;

const PAGE_BYTES = 65536;
const MAX_PAGES = 65536;
/** Most threads one product can be split over; each has its own packing panel. */
export const MAX_GEMM_THREADS = 64;
/** Bytes of one thread's packed panel of B: 256 rows of 8 floats, as gemm.as.ts packs them. */
const PANEL_BYTES = 256 * 8 * 4;
/** Panels start after the first page, which the module keeps for its own static data. */
const PANEL_START = PAGE_BYTES;
/** Arrays in kernel memory, and the scratch space for copied operands, follow the panels. */
const HEAP_START = PANEL_START + MAX_GEMM_THREADS * PANEL_BYTES;

/** Byte offset of thread `part`'s packing panel. */
export function panelOffset(part: number): number {
  return PANEL_START + part * PANEL_BYTES;
}

/**
 * Returns the kernel module's bytes: the relaxed-SIMD build (fused multiply-adds) when
 * `relaxed` is true, the plain SIMD build otherwise.
 */
export function decodeGemmBinary(relaxed = false): Uint8Array {
  const text = atob(relaxed ? gemmRelaxedWasmBase64 : gemmWasmBase64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function instantiateGemm(module: WebAssembly.Module, memory: WebAssembly.Memory): GemmExports {
  const instance = new WebAssembly.Instance(module, {
    env: {
      memory,
      abort: () => {
        throw new Error('WebAssembly gemm kernel aborted');
      },
    },
  });
  const names = ['gemm', 'gemmBT', ...IN_PLACE_EXPORTS];
  const missing = names.filter((name) => typeof instance.exports[name] !== 'function');
  if (missing.length > 0) {
    throw new Error(`the kernel WebAssembly module lacks ${missing.join(', ')}; rebuild it with npm run build:wasm`);
  }
  return instance.exports as unknown as GemmExports;
}

export class WasmGemm {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  /** Arrays the kernels use in place, allocated with `allocate`. */
  readonly heap: KernelMemory;
  private readonly exports: GemmExports;
  private runner: GemmRunner;
  /** Space for operands that are not in kernel memory; replaced by a larger block when too small. */
  private scratch: Float32Array = new Float32Array(0);

  /** True when the module is the relaxed-SIMD build with fused multiply-adds. */
  readonly relaxed: boolean;

  /**
   * @param relaxed load the relaxed-SIMD build when the engine validates it (default true);
   *   without relaxed SIMD support the plain SIMD build is used.
   */
  constructor(relaxed = true) {
    const relaxedBytes = relaxed ? decodeGemmBinary(true) : null;
    this.relaxed = relaxedBytes !== null && WebAssembly.validate(relaxedBytes);
    this.module = new WebAssembly.Module(this.relaxed && relaxedBytes !== null ? relaxedBytes : decodeGemmBinary());
    const initial = Math.ceil(HEAP_START / PAGE_BYTES) + 16;
    this.memory = new WebAssembly.Memory({ initial, maximum: MAX_PAGES, shared: true });
    this.heap = new KernelMemory(this.memory, HEAP_START);
    this.exports = instantiateGemm(this.module, this.memory);
    this.runner = (job) => this.runPart(job, 0, job.rows, 0, job.cols);
  }

  /** Computes out[rowStart:rowEnd, colStart:colEnd] of a job on the calling thread. */
  runPart(job: GemmJob, rowStart: number, rowEnd: number, colStart: number, colEnd: number): void {
    const { a, rowStride, depthStride, b, out, depth, cols } = job;
    const panel = panelOffset(0);
    if (job.form === 1) this.exports.gemmBT(a, b, out, rowStart, rowEnd, depth, cols, panel, colStart, colEnd);
    else this.exports.gemm(a, rowStride, depthStride, b, out, rowStart, rowEnd, depth, cols, panel, colStart, colEnd);
  }

  /** Replaces the single-thread runner, e.g. with a thread pool's. */
  setRunner(runner: GemmRunner): void {
    this.runner = runner;
  }

  /** Returns an array of `length` floats in kernel memory, which the kernels use without copying. */
  allocate(length: number): Float32Array {
    return this.heap.allocate(length);
  }

  /**
   * Runs `job` on `a` and `b` into `out`, filling in the job's byte offsets. Arrays in
   * kernel memory are used in place and the others are copied into scratch space. The
   * result is computed in scratch space too when `out` is elsewhere or overlaps an operand.
   */
  private multiply(
    a: Float32Array,
    aSize: number,
    b: Float32Array,
    bSize: number,
    out: Float32Array,
    outSize: number,
    job: Omit<GemmJob, 'a' | 'b' | 'out'>,
  ): void {
    let aAt = this.heap.offsetOf(a);
    let bAt = this.heap.offsetOf(b);
    let outAt = this.heap.offsetOf(out);
    if (outAt >= 0 && (overlaps(outAt, outSize, aAt, aSize) || overlaps(outAt, outSize, bAt, bSize))) outAt = -1;

    const scratch = this.scratchFor((aAt < 0 ? aSize : 0) + (bAt < 0 ? bSize : 0) + (outAt < 0 ? outSize : 0));
    let next = scratch.byteOffset;
    if (aAt < 0) {
      aAt = next;
      next += aSize * 4;
      scratch.set(a.subarray(0, aSize));
    }
    if (bAt < 0) {
      bAt = next;
      next += bSize * 4;
      scratch.set(b.subarray(0, bSize), (bAt - scratch.byteOffset) / 4);
    }
    const copyOut = outAt < 0;
    if (copyOut) outAt = next;

    this.runner({ ...job, a: aAt, b: bAt, out: outAt });
    if (copyOut) {
      const start = (outAt - scratch.byteOffset) / 4;
      out.set(scratch.subarray(start, start + outSize));
    }
  }

  /** Scratch space of at least `floats` values in kernel memory. */
  private scratchFor(floats: number): Float32Array {
    if (this.scratch.length >= floats) return this.scratch;
    const scratch = this.heap.allocateInside(Math.max(floats, this.scratch.length * 2));
    if (scratch === null) {
      throw new RangeError(`matmul: operands of ${floats} floats do not fit in WebAssembly memory (4 GiB)`);
    }
    this.scratch = scratch;
    return scratch;
  }

  /** out[n, m] = a[n, k] · b[k, m] */
  matmulNN(a: Float32Array, b: Float32Array, out: Float32Array, n: number, k: number, m: number): void {
    const job = { form: 0, rowStride: k, depthStride: 1, rows: n, depth: k, cols: m } as const;
    this.multiply(a, n * k, b, k * m, out, n * m, job);
  }

  /** out[n, m] = a[n, k] · b[m, k]ᵀ */
  matmulNT(a: Float32Array, b: Float32Array, out: Float32Array, n: number, k: number, m: number): void {
    const job = { form: 1, rowStride: 0, depthStride: 0, rows: n, depth: k, cols: m } as const;
    this.multiply(a, n * k, b, m * k, out, n * m, job);
  }

  /** out[k, m] = a[n, k]ᵀ · b[n, m] */
  matmulTN(a: Float32Array, b: Float32Array, out: Float32Array, n: number, k: number, m: number): void {
    const job = { form: 0, rowStride: 1, depthStride: k, rows: k, depth: n, cols: m } as const;
    this.multiply(a, n * k, b, n * m, out, k * m, job);
  }

  /**
   * Kernels that use WebAssembly for products of at least `minMacs` multiply-adds and the
   * plain TypeScript kernels below that, where copying costs more than it saves. Optimizer
   * updates and row kernels run in WebAssembly when all their arrays are in kernel memory.
   */
  kernelSet(fallback: KernelSet, minMacs: number): KernelSet {
    const pick = (form: 'matmulNN' | 'matmulNT' | 'matmulTN') =>
      (a: Float32Array, b: Float32Array, out: Float32Array, n: number, k: number, m: number): void => {
        if (n * k * m < minMacs) fallback[form](a, b, out, n, k, m);
        else this[form](a, b, out, n, k, m);
      };
    return {
      ...bindInPlaceKernels(this.exports, this.heap, fallback),
      matmulNN: pick('matmulNN'),
      matmulNT: pick('matmulNT'),
      matmulTN: pick('matmulTN'),
      allocate: (length) => this.heap.allocate(length),
    };
  }
}

/** Returns true when byte ranges [a, a + 4·aFloats) and [b, b + 4·bFloats) share a byte; an offset of -1 is no range. */
function overlaps(a: number, aFloats: number, b: number, bFloats: number): boolean {
  return a >= 0 && b >= 0 && a < b + bFloats * 4 && b < a + aFloats * 4;
}
