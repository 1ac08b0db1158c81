/**
 * Measures the event-loop delay of this Node process's main thread
 * (perf_hooks.monitorEventLoopDelay) while Wiregrad trains one run of a workload (spec as
 * JSON in argv[2]; the runner passes W4) with the engine's train(). It measures twice:
 * first with training in a worker thread, as the app's backend trains, then with training
 * on the main thread, where train() yields to the event loop about every 50 ms.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { getBackendInfo } from '../../engine';
import { printResult, type EventLoopMeasurement } from '../protocol';
import { readSpecArgument, type TrainSpec } from '../spec';
import type { WorkerReply } from './event-loop-worker';
import { installFastKernels, wiregradInfo } from './wiregrad-model';
import { setUpTrainer, trainerRun, trainerWarmUp } from './wiregrad-trainer';

const NS_PER_MS = 1e6;

/** Starts a histogram that samples every millisecond; the default 10 ms misses short delays. */
function startHistogram(): IntervalHistogram {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  return histogram;
}

function summarize(
  mode: string,
  histogram: IntervalHistogram,
  spec: TrainSpec,
  seconds: number,
): EventLoopMeasurement {
  histogram.disable();
  return {
    mode,
    p50Ms: histogram.percentile(50) / NS_PER_MS,
    p99Ms: histogram.percentile(99) / NS_PER_MS,
    maxMs: histogram.max / NS_PER_MS,
    samplesPerSecond: (spec.samples * spec.epochs) / seconds,
  };
}

/**
 * Starts a worker thread that runs a TypeScript module. Workers do not inherit tsx's
 * loader from `--import tsx`, so a small ESM entry loads the module with tsx's tsImport().
 */
function startTypeScriptWorker(module: URL, workerData: unknown): Worker {
  const tsxApi = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const target = JSON.stringify(module.href);
  const parent = JSON.stringify(import.meta.url);
  const entry = `import { tsImport } from ${tsxApi}; await tsImport(${target}, ${parent});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(entry)}`), { workerData });
}

/** Trains in a worker thread and measures the main thread's delay while it waits. */
function measureInWorker(spec: TrainSpec): Promise<EventLoopMeasurement> {
  const worker = startTypeScriptWorker(new URL('./event-loop-worker.ts', import.meta.url), spec);
  let histogram: IntervalHistogram | null = null;

  return new Promise((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'ready') {
        histogram = startHistogram();
        worker.postMessage('start');
        return;
      }
      if (histogram === null) {
        reject(new Error('the training worker finished before it was started'));
        return;
      }
      resolve(summarize('worker thread, as the app trains', histogram, spec, reply.seconds));
      void worker.terminate();
    });
  });
}

/** Trains on the main thread with the engine's train() and measures the delay it causes. */
async function measureOnMainThread(spec: TrainSpec): Promise<EventLoopMeasurement> {
  const setup = setUpTrainer(spec);
  await trainerWarmUp(setup, spec.warmupBatches);

  const histogram = startHistogram();
  const start = performance.now();
  await trainerRun(setup);
  const seconds = (performance.now() - start) / 1000;
  return summarize('main thread, train() yields about every 50 ms', histogram, spec, seconds);
}

const spec = readSpecArgument();
if (spec.kind !== 'train') {
  throw new Error(`event-loop delay needs a training workload, got ${spec.id}`);
}

installFastKernels();
const measurements = [await measureInWorker(spec), await measureOnMainThread(spec)];
printResult({ kind: 'event-loop', peer: wiregradInfo(), measurements, backend: getBackendInfo() });

// The engine's kernel thread pool would keep the process alive.
process.exit(0);
