/**
 * Worker threads that share the gemm module's memory and split each large product. Wide
 * outputs are cut into column chunks that every thread, the calling one included, claims
 * one at a time, so a thread that starts late or runs slow takes fewer chunks and no panel
 * of B is packed twice. Narrow outputs are split into one row range per thread. The
 * calling thread then waits with
 * Atomics.wait, so this pool may only run where blocking is allowed: Node's main thread or
 * a worker thread, not a browser's main thread. Node-only (node:worker_threads).
 */
import { Worker } from 'node:worker_threads';
import { MAX_GEMM_THREADS, panelOffset, type GemmJob, type WasmGemm } from './wasm-gemm';

/** Control words in the shared Int32Array. */
const GENERATION = 0;
const PENDING = 1;
/** Next column chunk to claim, and the chunk width (0 splits by rows instead). */
const NEXT_COLUMN = 2;
const CHUNK = 3;
const JOB = 4;
const SHUTDOWN = -1;

/** Default of `minMacsPerThread`: below it, starting other threads costs more than it saves. */
const DEFAULT_MIN_MACS_PER_THREAD = 1 << 18;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, part, parts, panel } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('gemm aborted'); } } });
const words = new Int32Array(control);
let seen = 0;
for (;;) {
  Atomics.wait(words, ${GENERATION}, seen);
  seen = Atomics.load(words, ${GENERATION});
  if (Atomics.load(words, ${PENDING}) === ${SHUTDOWN}) break;
  const [form, a, rowStride, depthStride, b, out, rows, depth, cols] = words.subarray(${JOB}, ${JOB} + 9);
  const runPart = (rowStart, rowEnd, colStart, colEnd) => {
    if (form === 1) instance.exports.gemmBT(a, b, out, rowStart, rowEnd, depth, cols, panel, colStart, colEnd);
    else instance.exports.gemm(a, rowStride, depthStride, b, out, rowStart, rowEnd, depth, cols, panel, colStart, colEnd);
  };
  const chunk = words[${CHUNK}];
  if (chunk > 0) {
    for (let start = Atomics.add(words, ${NEXT_COLUMN}, chunk); start < cols; start = Atomics.add(words, ${NEXT_COLUMN}, chunk)) {
      runPart(0, rows, start, Math.min(start + chunk, cols));
    }
  } else {
    const start = Math.floor((rows * part) / parts);
    const end = Math.floor((rows * (part + 1)) / parts);
    if (end > start) runPart(start, end, 0, cols);
  }
  if (Atomics.sub(words, ${PENDING}, 1) === 1) Atomics.notify(words, ${PENDING});
}
`;

export class GemmThreadPool {
  /** Threads that compute, the calling thread included. */
  readonly threads: number;
  private readonly workers: Worker[] = [];
  private readonly words: Int32Array;

  /** Products with fewer multiply-adds per thread than this run on the calling thread alone. */
  readonly minMacsPerThread: number;

  constructor(gemm: WasmGemm, threads: number, minMacsPerThread = DEFAULT_MIN_MACS_PER_THREAD) {
    this.minMacsPerThread = minMacsPerThread;
    this.threads = Math.min(MAX_GEMM_THREADS, Math.max(1, Math.floor(threads)));
    this.words = new Int32Array(new SharedArrayBuffer(4 * (JOB + 9)));
    for (let part = 1; part < this.threads; part++) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          module: gemm.module,
          memory: gemm.memory,
          control: this.words.buffer,
          part,
          parts: this.threads,
          panel: panelOffset(part),
        },
      });
      worker.unref();
      worker.on('error', (error) => {
        console.error(`wiregrad: a kernel worker thread failed: ${error.message}`);
      });
      this.workers.push(worker);
    }
  }

  /** Runs `job`, splitting it over the pool when it is large enough to gain. */
  run(gemm: WasmGemm, job: GemmJob): void {
    const macs = job.rows * job.depth * job.cols;
    const chunk = columnChunk(job.cols, this.threads);
    if (this.threads === 1 || macs < this.minMacsPerThread * this.threads || (chunk === 0 && job.rows < this.threads)) {
      gemm.runPart(job, 0, job.rows, 0, job.cols);
      return;
    }
    const words = this.words;
    words.set([job.form, job.a, job.rowStride, job.depthStride, job.b, job.out, job.rows, job.depth, job.cols], JOB);
    words[CHUNK] = chunk;
    words[NEXT_COLUMN] = 0;
    Atomics.store(words, PENDING, this.threads - 1);
    Atomics.add(words, GENERATION, 1);
    Atomics.notify(words, GENERATION);

    if (chunk > 0) {
      for (let start = Atomics.add(words, NEXT_COLUMN, chunk); start < job.cols; start = Atomics.add(words, NEXT_COLUMN, chunk)) {
        gemm.runPart(job, 0, job.rows, start, Math.min(start + chunk, job.cols));
      }
    } else {
      gemm.runPart(job, 0, Math.floor(job.rows / this.threads), 0, job.cols);
    }

    for (;;) {
      const pending = Atomics.load(words, PENDING);
      if (pending === 0) break;
      Atomics.wait(words, PENDING, pending);
    }
  }

  /** Stops the worker threads. */
  close(): void {
    Atomics.store(this.words, PENDING, SHUTDOWN);
    Atomics.add(this.words, GENERATION, 1);
    Atomics.notify(this.words, GENERATION);
    for (const worker of this.workers) void worker.terminate();
    this.workers.length = 0;
  }
}

/**
 * Returns the width of the column chunks for an output `cols` wide: a multiple of 8, the
 * kernels' panel width, for about four chunks per thread. Outputs too narrow for two
 * chunks per thread get 0 and are split by rows.
 */
export function columnChunk(cols: number, threads: number): number {
  if (cols < 16 * threads) return 0;
  return Math.max(8, Math.ceil(cols / (4 * threads) / 8) * 8);
}
