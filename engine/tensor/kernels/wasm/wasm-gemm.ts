/**
 * The WebAssembly SIMD matrix multiply on one shared linear memory. Operands are copied in,
 * multiplied, and the result is copied out. Row ranges of one product can run on several
 * threads that instantiate the same module over the same memory (see thread-pool.ts).
 */
import { gemmRelaxedWasmBase64, gemmWasmBase64 } from './gemm-binary.generated';
import type { KernelSet } from '../registry';

interface GemmExports {
  gemm(a: number, rowStride: number, depthStride: number, b: number, out: number,
    rowStart: number, rowEnd: number, depth: number, cols: number, panel: number): void;
  gemmBT(a: number, b: number, out: number, rowStart: number, rowEnd: number, depth: number, cols: number, panel: number): void;
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
/** Operands follow the panels. */
const SCRATCH_START = PANEL_START + MAX_GEMM_THREADS * PANEL_BYTES;

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
  const { gemm, gemmBT } = instance.exports;
  if (typeof gemm !== 'function' || typeof gemmBT !== 'function') {
    throw new Error('the gemm WebAssembly module does not export gemm and gemmBT; rebuild it with npm run build:wasm');
  }
  return { gemm: gemm as GemmExports['gemm'], gemmBT: gemmBT as GemmExports['gemmBT'] };
}

export class WasmGemm {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  private readonly exports: GemmExports;
  private runner: GemmRunner;

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
    const initial = Math.ceil(SCRATCH_START / PAGE_BYTES) + 16;
    this.memory = new WebAssembly.Memory({ initial, maximum: MAX_PAGES, shared: true });
    this.exports = instantiateGemm(this.module, this.memory);
    this.runner = (job) => this.runRows(job, 0, job.rows);
  }

  /** Computes rows [rowStart, rowEnd) of a job on the calling thread. */
  runRows(job: GemmJob, rowStart: number, rowEnd: number): void {
    const { a, rowStride, depthStride, b, out, depth, cols } = job;
    if (job.form === 1) this.exports.gemmBT(a, b, out, rowStart, rowEnd, depth, cols, panelOffset(0));
    else this.exports.gemm(a, rowStride, depthStride, b, out, rowStart, rowEnd, depth, cols, panelOffset(0));
  }

  /** Replaces the single-thread runner, e.g. with a thread pool's. */
  setRunner(runner: GemmRunner): void {
    this.runner = runner;
  }

  /** Float view of the memory, large enough for `floats` values after the scratch start. */
  private scratch(floats: number): Float32Array {
    const needed = SCRATCH_START + floats * 4;
    const current = this.memory.buffer.byteLength;
    if (needed > current) {
      const pages = Math.ceil((needed - current) / PAGE_BYTES);
      if (current / PAGE_BYTES + pages > MAX_PAGES) {
        throw new RangeError(`matmul: operands of ${floats} floats do not fit in WebAssembly memory (4 GiB)`);
      }
      this.memory.grow(pages);
    }
    return new Float32Array(this.memory.buffer);
  }

  /**
   * Copies `a` and `b` into the module's memory, runs `job` (whose offsets are filled in
   * here) and copies the `outSize` results back into `out`.
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
    const heap = this.scratch(aSize + bSize + outSize);
    const aAt = SCRATCH_START / 4;
    const bAt = aAt + aSize;
    const outAt = bAt + bSize;
    heap.set(a.subarray(0, aSize), aAt);
    heap.set(b.subarray(0, bSize), bAt);
    this.runner({ ...job, a: aAt * 4, b: bAt * 4, out: outAt * 4 });
    out.set(heap.subarray(outAt, outAt + outSize));
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
   * plain TypeScript kernels below that, where copying costs more than it saves.
   */
  kernelSet(fallback: KernelSet, minMacs: number): KernelSet {
    const pick = (form: 'matmulNN' | 'matmulNT' | 'matmulTN') =>
      (a: Float32Array, b: Float32Array, out: Float32Array, n: number, k: number, m: number): void => {
        if (n * k * m < minMacs) fallback[form](a, b, out, n, k, m);
        else this[form](a, b, out, n, k, m);
      };
    return { matmulNN: pick('matmulNN'), matmulNT: pick('matmulNT'), matmulTN: pick('matmulTN') };
  }
}
