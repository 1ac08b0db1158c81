/**
 * Worker threads that share the gemm module's memory and split each large product by rows
 * of the output. The calling thread computes the first share and then waits with
 * Atomics.wait, so this pool may only run where blocking is allowed: Node's main thread or
 * a worker thread, not a browser's main thread. Node-only (node:worker_threads).
 */
import { Worker } from 'node:worker_threads';
import { MAX_GEMM_THREADS, panelOffset, type GemmJob, type WasmGemm } from './wasm-gemm';

/** Control words in the shared Int32Array. */
const GENERATION = 0;
const PENDING = 1;
const JOB = 2;
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
  const start = Math.floor((rows * part) / parts);
  const end = Math.floor((rows * (part + 1)) / parts);
  if (end > start && form === 1) instance.exports.gemmBT(a, b, out, start, end, depth, cols, panel);
  else if (end > start) instance.exports.gemm(a, rowStride, depthStride, b, out, start, end, depth, cols, panel);
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

  /** Runs `job`, splitting its rows over the pool when it is large enough to gain. */
  run(gemm: WasmGemm, job: GemmJob): void {
    const macs = job.rows * job.depth * job.cols;
    if (this.threads === 1 || macs < this.minMacsPerThread * this.threads || job.rows < this.threads) {
      gemm.runRows(job, 0, job.rows);
      return;
    }
    const words = this.words;
    words.set([job.form, job.a, job.rowStride, job.depthStride, job.b, job.out, job.rows, job.depth, job.cols], JOB);
    Atomics.store(words, PENDING, this.threads - 1);
    Atomics.add(words, GENERATION, 1);
    Atomics.notify(words, GENERATION);

    gemm.runRows(job, 0, Math.floor(job.rows / this.threads));

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
