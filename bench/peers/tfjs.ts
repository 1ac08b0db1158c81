/**
 * TensorFlow.js peer on its WebAssembly backend (tfjs-core ops, no tfjs-layers): measures one
 * workload (spec as JSON in argv[2]) and prints the result line.
 */
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount, version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { printResult, type PeerInfo } from '../protocol';
import { readSpecArgument, type MatmulSpec, type TrainSpec } from '../spec';
import { setUpTfjs, trainBatches } from './tfjs-model';
import { timeMatmul, timeRuns } from './timing';

/**
 * Starts the wasm backend with one XNNPACK thread per core requested, and reports what it
 * loaded. tfjs-backend-wasm 4.22 sets WASM_HAS_MULTITHREAD_SUPPORT to false under Node, so
 * it loads the SIMD build without threads whatever is requested.
 */
async function startWasmBackend(): Promise<PeerInfo> {
  const requestedThreads = availableParallelism();
  setThreadsCount(requestedThreads);
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js: the wasm backend failed to start');
  await tf.ready();

  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const multithread = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const threads = getThreadsCount();
  const notes = [];
  if (!multithread) {
    notes.push('The threaded wasm build is off under Node in tfjs-backend-wasm 4.22');
  }
  return {
    name: 'TF.js wasm',
    version: `tfjs-core ${tf.version_core}, tfjs-backend-wasm ${version_wasm}`,
    threads,
    details: { simd: simd === true, multithread: multithread === true, requestedThreads, threads },
    notes,
  };
}

async function measureTraining(spec: TrainSpec, peer: PeerInfo): Promise<void> {
  const setup = setUpTfjs(spec);
  trainBatches(setup, spec.warmupBatches);

  const batchesPerRun = spec.epochs * Math.ceil(spec.samples / spec.batchSize);
  let finalLoss = Number.NaN;
  const run = (): void => {
    finalLoss = trainBatches(setup, batchesPerRun);
  };
  const seconds = await timeRuns(run, spec.repeats, spec.maxSeconds);

  const samplesPerSecond = seconds.map((s) => (spec.samples * spec.epochs) / s);
  const lossValue = Number.isFinite(finalLoss) ? finalLoss : null;
  printResult({ kind: 'train', peer, samplesPerSecond, finalLoss: lossValue });
}

async function measureMatmul(spec: MatmulSpec, peer: PeerInfo): Promise<void> {
  const sizes = [];
  for (const n of spec.sizes) {
    const a = tf.randomNormal([n, n], 0, 1, 'float32', spec.seed);
    const b = tf.randomNormal([n, n], 0, 1, 'float32', spec.seed + 1);
    const product = (): void => tf.matMul(a, b).dispose();
    const rates = await timeMatmul(product, n, spec.repeats, spec.minRunSeconds, spec.maxSeconds);
    tf.dispose([a, b]);
    sizes.push({ n, gflopsPerSecond: rates });
  }

  printResult({ kind: 'matmul', peer, sizes });
}

const spec = readSpecArgument();
const peer = await startWasmBackend();
if (spec.kind === 'train') await measureTraining(spec, peer);
else await measureMatmul(spec, peer);
