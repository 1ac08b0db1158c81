/**
 * The training worker: loads the data, compiles the graph, trains, and posts batch and
 * epoch events, then the evaluation of the best model and its model file. It runs in
 * its own thread, so training does not block the backend's event loop.
 */

import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { findBuiltinDataset } from '../../../engine/data/builtin';
import { parseCsv, type CsvTable } from '../../../engine/data/csv';
import { readCsvFile } from '../../../engine/data/csv/read-file';
import { DataError } from '../../../engine/data/errors';
import { prepareData, type PreparedData } from '../../../engine/data/prepare';
import { compileGraph } from '../../../engine/graph';
import { createModelFile, serializeModelFile } from '../../../engine/model';
import type { Project, TrainingSettings } from '../../../engine/project/types';
import {
  createLoss,
  diagnoseRun,
  diagnoseSetup,
  train,
  TrainingError,
  type EpochProgress,
  type TrainingGpu,
  type TrainResult,
} from '../../../engine/train';
import { useFastKernels } from '../../../engine/kernels-node';
import { multiplyAddsPerStep, type BackendChoice } from '../../../engine/gpu/select';
import { planFusedStep } from '../../../engine/fused';
import { gpuForTraining } from '../../common/gpu-for-training';
import type { TrainingEvent } from '../protocol';
import { describeBackend } from './backend-description';
import { evaluateModel } from './evaluation';
import { InsightReporter } from './insight-reporter';
import type { WorkerInput, WorkerMessage } from './worker-protocol';

const input = workerData as WorkerInput;
const port = parentPort;
if (port === null) throw new Error('The training worker must run in a worker thread.');

const stopFlag = new Int32Array(input.stopFlag);
// WebAssembly SIMD kernels split over the machine's cores; the worker owns its thread pool.
const kernelInfo = useFastKernels();
const started = performance.now();

function post(message: WorkerMessage): void {
  port?.postMessage(message);
}

function send(event: TrainingEvent): void {
  post({ kind: 'event', event });
}

const elapsedMs = (): number => Math.round(performance.now() - started);

/** Shortest time between two batch events, except that every epoch's last batch is sent. */
const BATCH_EVENT_INTERVAL_MS = 20;
let lastBatchPost = -Infinity;

/** Reads the project's table: a bundled data set from disk, or the uploaded text. */
async function loadTable(project: Project): Promise<CsvTable> {
  const source = project.data.source;
  if ('builtin' in source) {
    const dataset = findBuiltinDataset(source.builtin);
    if (dataset === undefined) throw new DataError('file-not-found', `There is no bundled data set called '${source.builtin}'.`);
    return readCsvFile(join(input.datasetsDir, dataset.file));
  }
  if (input.csvText === null) {
    throw new DataError('file-not-found', `The project uses ${source.file}, but its text was not sent. Upload the file again.`);
  }
  return parseCsv(input.csvText);
}

function prepare(project: Project, table: CsvTable): PreparedData {
  const { data, training } = project;
  return prepareData(table, {
    features: data.features,
    target: data.target,
    task: data.task,
    standardize: data.standardize,
    dropMissing: data.dropMissing,
    validationSplit: training.validationSplit,
    seed: training.seed,
  });
}

function epochEvent(runId: string, progress: EpochProgress): TrainingEvent {
  const classification = progress.trainAccuracy !== undefined;
  return {
    kind: 'epoch',
    runId,
    epoch: progress.epoch,
    trainLoss: progress.trainLoss,
    validationLoss: progress.valLoss,
    trainMetric: classification ? (progress.trainAccuracy ?? 0) : progress.trainLoss,
    validationMetric: classification ? (progress.valAccuracy ?? null) : (progress.valMse ?? null),
    elapsedMs: elapsedMs(),
  };
}

async function run(): Promise<void> {
  const { runId, project } = input;
  const table = await loadTable(project);
  const data = prepare(project, table);

  const compiled = compileGraph(project.graph, {
    inputFeatures: data.features.length,
    loss: project.training.loss,
    task: data.task,
    classes: data.classes ?? undefined,
    seed: project.training.seed,
  });
  if (compiled.model === null || compiled.layers === null) {
    const problems = compiled.errors.map((error) => error.message).join(' ');
    throw new TrainingError(`The network cannot be built for this data: ${problems}`);
  }

  const settings = project.training;
  send({
    kind: 'start',
    runId,
    epochs: settings.epochs,
    batchesPerEpoch: Math.max(1, Math.ceil(data.nTrain / settings.batchSize)),
    trainRows: data.nTrain,
    validationRows: data.nVal,
    metric: data.task === 'regression' ? 'mse' : 'accuracy',
  });

  send({ kind: 'diagnoses', runId, stage: 'setup', diagnoses: diagnoseSetup(compiled.model, data, settings) });
  const insight = new InsightReporter(runId, compiled.layers, data, send);
  const model = compiled.model;
  let batchesRun = 0;

  const preference = settings.backend ?? 'auto';
  const plan = planFusedStep(compiled.model, createLoss(settings.loss));
  const multiplyAdds = plan === null ? null : multiplyAddsPerStep(plan, settings.batchSize);
  const gpu = await gpuForTraining(compiled.model, settings, (message) => {
    console.error(`wiregrad training worker: run ${runId}: ${message}`);
  });
  const training = train(model, data, settings, {
    gpu,
    backend: preference,
    onBackend: (choice) => {
      insight.setBackend(choice.backend);
      send(backendEvent(runId, choice, multiplyAdds, settings, gpu));
    },
    onBatch: (progress) => {
      batchesRun += 1;
      // Small batches can finish thousands of times a second. Posting each one would flood the
      // backend's event loop and delay a Stop request, so the chart gets one point per interval.
      const now = performance.now();
      if (now - lastBatchPost < BATCH_EVENT_INTERVAL_MS && progress.batch !== progress.batches) return;
      lastBatchPost = now;
      send({ kind: 'batch', runId, epoch: progress.epoch, batch: progress.batch, loss: progress.loss, elapsedMs: elapsedMs() });
    },
    onEpoch: (progress) => {
      send(epochEvent(runId, progress));
      insight.epochEnded(model, progress.epoch, progress.epoch === progress.epochs || progress.partial);
    },
    shouldStop: () => Atomics.load(stopFlag, 0) === 1,
  });
  const result: TrainResult = await training.catch((error: unknown) => {
    // train() throws when the loss is not finite before the first epoch ends; the learner
    // still gets the explanation of a diverged run.
    if (error instanceof TrainingError && batchesRun > 0) {
      const diagnoses = diagnoseRun({ history: [], stopReason: 'diverged' }, model, data, settings);
      send({ kind: 'diagnoses', runId, stage: 'run', diagnoses });
    }
    throw error;
  });
  insight.finished(result.model, result.bestEpoch);

  const best = result.best;
  const modelFile = createModelFile({
    name: project.name,
    layers: compiled.layers,
    model: result.model,
    data,
    standardized: project.data.standardize,
    training: settings,
    metrics: {
      epochsRun: result.history.length,
      bestEpoch: result.bestEpoch,
      interrupted: result.stopReason === 'interrupted',
      trainLoss: best.trainLoss,
      valLoss: best.valLoss,
      trainAccuracy: best.trainAccuracy ?? null,
      valAccuracy: best.valAccuracy ?? null,
      valMse: best.valMse ?? null,
    },
  });
  post({ kind: 'model', runId, modelText: serializeModelFile(modelFile) });
  const diagnoses = diagnoseRun(result, result.model, data, settings);
  send({ kind: 'diagnoses', runId, stage: 'run', diagnoses });

  send({
    kind: 'done',
    runId,
    stopReason: result.stopReason,
    bestEpoch: result.bestEpoch,
    evaluation: evaluateModel(result.model, compiled.layers, data, table),
  });
}

/** Describes the backend the trainer chose, with the facts a learner's explanation needs. */
function backendEvent(
  runId: string,
  choice: BackendChoice,
  multiplyAdds: number | null,
  settings: TrainingSettings,
  gpu: TrainingGpu | null,
): TrainingEvent {
  const cpuKernels =
    kernelInfo.backend === 'wasm-simd' ? `WebAssembly SIMD, ${kernelInfo.threads} threads` : 'TypeScript kernels';
  return describeBackend(runId, choice, {
    preference: settings.backend ?? 'auto',
    multiplyAdds,
    adapter: gpu?.adapterInfo ?? null,
    cpuKernels,
  });
}

run().catch((error: unknown) => {
  const userFacing = error instanceof DataError || error instanceof TrainingError;
  if (!userFacing) console.error(`wiregrad training worker: run ${input.runId} failed:`, error);
  const message = error instanceof Error ? error.message : String(error);
  send({ kind: 'error', runId: input.runId, message: userFacing ? message : `Training failed: ${message}` });
});
